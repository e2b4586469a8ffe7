-- AlterEnum
ALTER TYPE "TokenEventKind" ADD VALUE 'DENIED_IP';

-- AlterTable
ALTER TABLE "AccessToken" ADD COLUMN     "allowedCidrs" TEXT[] DEFAULT ARRAY[]::TEXT[];
