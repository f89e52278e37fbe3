-- Single sign-on through an OpenID Connect provider, configured in Settings -> Sign-in.
CREATE TYPE "SignInMethod" AS ENUM ('PASSWORD', 'SSO');

ALTER TABLE "SignInPolicy"
  ADD COLUMN "ssoName" TEXT,
  ADD COLUMN "ssoIssuer" TEXT,
  ADD COLUMN "ssoClientId" TEXT,
  ADD COLUMN "ssoClientSecret" TEXT,
  ADD COLUMN "ssoAllowedDomain" TEXT,
  ADD COLUMN "ssoDefaultRole" "Role" NOT NULL DEFAULT 'VIEWER',
  ADD COLUMN "ssoOnly" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "breakGlassUserId" TEXT;

ALTER TABLE "SignInPolicy" ADD CONSTRAINT "SignInPolicy_breakGlassUserId_fkey"
  FOREIGN KEY ("breakGlassUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- SSO attempts are recorded beside password attempts (only password attempts slow sign-ins down).
ALTER TABLE "LoginAttempt" ADD COLUMN "method" "SignInMethod" NOT NULL DEFAULT 'PASSWORD';

ALTER TYPE "StaffChangeKind" ADD VALUE 'JOINED_THROUGH_SSO';
ALTER TYPE "SettingsChangeKind" ADD VALUE 'SSO_CHANGED';
