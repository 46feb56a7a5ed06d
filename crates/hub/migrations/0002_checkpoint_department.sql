-- A desk's checkpoints belong to the department its first checkpoint was
-- pushed for: only accounts of that department (or of all) may push more
-- or read them, so no other account can poison or read a desk's chain.
-- NULL: pushed before this column (readable as before).
ALTER TABLE checkpoints ADD COLUMN department TEXT;
