// Invented people and messages for the sandbox's demo data. Phone numbers use the 555-01xx
// range, which is reserved for fiction in North America.

export const FIRST_NAMES = [
  'Maria',
  'James',
  'Aisha',
  'Chen',
  'Olivia',
  'Mateo',
  'Priya',
  'Noah',
  'Fatima',
  'Liam',
  'Sofia',
  'Ethan',
  'Yuki',
  'Lucas',
  'Amara',
  'Daniel',
  'Elena',
  'Omar',
  'Grace',
  'Hiroshi',
  'Isabel',
  'Kwame',
  'Leah',
  'Marcus',
  'Nadia',
  'Oscar',
  'Rosa',
  'Samuel',
  'Tara',
  'Victor',
  'Wen',
  'Zoe',
] as const;

export const LAST_NAMES = [
  'Gonzalez',
  'Smith',
  'Okafor',
  'Wang',
  'Brown',
  'Rossi',
  'Patel',
  'Johnson',
  'Haddad',
  'Murphy',
  'Silva',
  'Nguyen',
  'Tanaka',
  'Martin',
  'Mensah',
  'Kim',
  'Petrov',
  'Ali',
  'Clarke',
  'Sato',
  'Fernandez',
  'Osei',
  'Cohen',
  'Reid',
  'Novak',
  'Larsen',
  'Moreau',
  'Adeyemi',
  'Singh',
  'Walsh',
] as const;

export const EMAIL_DOMAINS = ['icloud.com', 'me.com', 'mac.com'] as const;

export const AREA_CODES = ['212', '310', '415', '512', '617', '646', '702', '718', '773', '917'] as const;

export const GROUP_NAMES = ['Book club', 'Office order', 'Wedding party', 'Team lunch', 'Soccer parents'] as const;

export const OUTBOUND_TEXTS = [
  'Hi! Your order #{n} has shipped and should arrive on Thursday.',
  'Thanks for reaching out. A team member will reply within the hour.',
  'Your appointment is confirmed for tomorrow at 10:30.',
  'Good news: the item you asked about is back in stock.',
  'Here is your receipt for order #{n}. Thank you!',
  'Just checking in: how was your visit last week?',
  'We have received your return and issued a refund.',
  'Reminder: your pickup window closes at 6 pm today.',
] as const;

export const INBOUND_TEXTS = [
  'Hi, is my order on its way?',
  'Can I change the delivery address?',
  'Thanks so much!',
  'What time do you open on Saturday?',
  'Do you have this in a size medium?',
  'Great, see you then.',
  'I never got the confirmation email.',
  'Can someone call me back?',
  'Perfect, thank you 🙏',
  'Is there parking nearby?',
] as const;
