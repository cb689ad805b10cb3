"""The shared matcher layer: one gazetteer (Aho-Corasick), one overlap resolver, named patterns."""
