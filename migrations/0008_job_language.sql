-- The language of a job's lyrics (ISO 639-1), given at submit or guessed from their script: how the worker spells
-- numbers. NULL for jobs stored before it existed; the worker then guesses again.
ALTER TABLE jobs ADD COLUMN language TEXT;
