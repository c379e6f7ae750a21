"""fanwen-crawler: crawl, clean and deduplicate Chinese template-essay sites into SQLite."""

__version__ = "0.1.0"
