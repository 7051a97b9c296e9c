"""The swimlane timeline's geometry, in CSS pixels, in one place: layout.py places, markup.py draws.

The chart is drawn at its natural size and scrolls sideways in its box.
"""

LABEL_WIDTH = 230
RIGHT_MARGIN = 24
MIN_PLOT_WIDTH = 900
PX_PER_MONTH = 24
MAX_PLOT_WIDTH = 3000
AXIS_HEIGHT = 52
GROUP_HEIGHT = 34
ROW_HEADING_HEIGHT = 20
LANE_HEIGHT = 26
ROW_GAP = 10
BOTTOM_MARGIN = 12
BAND_HEIGHT = 14
MARKER_RADIUS = 6
CHANGE_RING_RADIUS = 9
REVERSAL_RING_RADIUS = 11
# Markers closer than this share a spot; they are fanned out vertically so each stays clickable.
MARKER_CLUSTER_PX = 2 * MARKER_RADIUS
FAN_OFFSETS = (0, -6, 6, -3, 3)
