"""Processing stages over plain data, one sub-package per step of the data flow:

    decode → extract → clean → structure  ►  dedup  ►  store
    └────────── pipelines.clean ───────┘     └ .dedup ┘  └ .store ┘

- `pipelines.clean`: one page's bytes to a `Document` (decode, extract, clean, structure);
- `pipelines.dedup`: fingerprints, and each essay against a persistent SQLite index;
- `pipelines.store`: the SQLite database (schema, writes, search words).

At the top: `model` (the plain data passed between stages), `errors`, `urls` (canonical page
URLs), `page` (one page through the stages with no database: `fanwen clean`, a crawl's worker)
and `scrapy_pipelines`, the Scrapy item pipelines. Only `scrapy_pipelines` imports Scrapy.
"""
