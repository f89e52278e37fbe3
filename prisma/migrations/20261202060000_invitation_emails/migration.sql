-- An invitation (a set-password link) sent by email through the alerts' SMTP server.
ALTER TYPE "StaffChangeKind" ADD VALUE 'INVITATION_EMAILED';
