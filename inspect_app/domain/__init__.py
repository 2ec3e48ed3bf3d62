"""Record types, validation, rules with their citations, and deadlines: standard library and dateutil only."""
