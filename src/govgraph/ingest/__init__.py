"""Ingesters: each turns one kind of source into RDF in the named graph of that source.

- :mod:`.declaration`: a declaration's text as extracted from a PDF;
- :mod:`.article`: a news article's text;
- :mod:`.records`: curated records (YAML) for what parsing cannot settle;
- :mod:`.reference`: ISO 3166-1 states and memberships of intergovernmental groups.
"""
