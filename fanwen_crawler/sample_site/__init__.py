"""The bundled sample site: a 一流范文网-style site served on 127.0.0.1 for the demo and tests."""

from fanwen_crawler.sample_site.server import SampleSiteServer, serve_sample_site

__all__ = ["SampleSiteServer", "serve_sample_site"]
