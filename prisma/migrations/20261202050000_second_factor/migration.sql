-- A second factor for staff: authenticator app codes, recovery codes, and the rule of who needs one.
CREATE TYPE "SessionsEndReason" AS ENUM ('PASSWORD_CHANGED', 'SIGNED_OUT_EVERYWHERE');
CREATE TYPE "SecondFactorRule" AS ENUM ('OPTIONAL', 'ADMINS', 'EVERYONE');

ALTER TYPE "StaffChangeKind" ADD VALUE 'SECOND_FACTOR_ON';
ALTER TYPE "StaffChangeKind" ADD VALUE 'SECOND_FACTOR_OFF';
ALTER TYPE "StaffChangeKind" ADD VALUE 'SECOND_FACTOR_RESET';
ALTER TYPE "StaffChangeKind" ADD VALUE 'PASSWORD_CHANGED';
ALTER TYPE "SettingsChangeKind" ADD VALUE 'SECOND_FACTOR_RULE_CHANGED';

ALTER TABLE "User" ADD COLUMN "sessionsRevokedReason" "SessionsEndReason",
                   ADD COLUMN "totpSecret" TEXT,
                   ADD COLUMN "totpEnabledAt" TIMESTAMP(3),
                   ADD COLUMN "totpLastStep" INTEGER;

CREATE TABLE "RecoveryCode" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RecoveryCode_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "RecoveryCode_userId_codeHash_key" ON "RecoveryCode"("userId", "codeHash");
ALTER TABLE "RecoveryCode" ADD CONSTRAINT "RecoveryCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "SignInPolicy" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "secondFactor" "SecondFactorRule" NOT NULL DEFAULT 'OPTIONAL',
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "SignInPolicy_pkey" PRIMARY KEY ("id")
);
