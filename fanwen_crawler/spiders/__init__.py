"""One spider per site profile in fanwen_crawler/sites/*.toml, made without new Python code."""

from fanwen_crawler.profiles import load_profiles
from fanwen_crawler.spiders.generic import GenericSpider
from fanwen_crawler.spiders.profiled import ProfileSpider, spider_class

SPIDERS: dict[str, type[ProfileSpider]] = {
    name: spider_class(profile) for name, profile in load_profiles().items()
}
SPIDERS["generic"] = GenericSpider
globals().update({cls.__name__: cls for cls in SPIDERS.values()})
