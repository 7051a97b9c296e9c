"""The database-free parts of the /map/ choropleth: projected outlines and SVG rendering."""
