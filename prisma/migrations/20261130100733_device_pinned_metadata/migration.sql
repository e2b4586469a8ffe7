-- AlterTable
ALTER TABLE "Device" ADD COLUMN     "pinnedMetadata" JSONB;
