-- AlterTable
ALTER TABLE "EnrollmentToken" ADD COLUMN     "revokeReason" TEXT;
