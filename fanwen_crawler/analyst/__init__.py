"""The analysts' view of a fanwen database: `fanwen serve` runs Datasette on it with described
tables and views, facets, canned queries and a search box that segments Chinese queries with
jieba as the index was.

Datasette is the optional `analyst` extra (`pip install -e '.[analyst]'`): only `serve.py` and
`plugin.py` import it, and only when called. `metadata.py` and `query.py` need nothing beyond
the core install.
"""
