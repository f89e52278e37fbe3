// Shared by the browser (form hints) and the server, so it must not import bcrypt.
export const PASSWORD_MIN_LENGTH = 12;
