export const STORED_SECRET_HINT = "Stored — leave empty to keep";
