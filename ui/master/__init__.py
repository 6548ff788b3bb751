"""Data Master: roster, desa, categories, law articles, place types, vehicles."""
