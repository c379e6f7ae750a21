"""Processing stages: pure functions over plain data, no Scrapy import.

decode → extract → clean → structure → dedup → store. `pipelines.page.clean_page` runs
decode → structure on one saved page; `pipelines.scrapy_pipelines` wraps each stage for Scrapy.
"""
