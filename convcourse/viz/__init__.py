"""Plotting helpers: Chinese fonts, the course style, feature-map grids, attention overlays.

Importing ``convcourse`` does not import matplotlib; this subpackage does, when first used.
"""
from .fonts import FONT_FAMILY, FONT_PATH, setup_fonts, missing_glyphs
from .style import use_course_style
from .maps import feature_grid, overlay_heatmap, attention_mass_in_box, attention_auroc_in_box

__all__ = ["FONT_FAMILY", "FONT_PATH", "setup_fonts", "missing_glyphs", "use_course_style",
           "feature_grid", "overlay_heatmap", "attention_mass_in_box", "attention_auroc_in_box"]
