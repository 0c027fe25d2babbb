"""The body figure: which regions a code names (derived from the classification) and the SVG."""

from nosology.anatomy.regions import Region, region, regions
from nosology.anatomy.rules import Rule, TermRules
from nosology.anatomy.site import BodySite, body_site, side_of

__all__ = ["BodySite", "Region", "Rule", "TermRules", "body_site", "region", "regions", "side_of"]
