"""The database-free parts of the /map/ choropleth: projected outlines, SVG rendering and the text table's rows."""
