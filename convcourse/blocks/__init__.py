"""Convolution building blocks, one file per family (grouped/separable convs, PConv, Fire, ...)."""
