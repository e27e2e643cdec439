"""Whole networks, one builder per published variant (like ``torchvision.models``).

Import builders from their family file, e.g. ``from convcourse.nets.resnet import resnet50``.
"""
