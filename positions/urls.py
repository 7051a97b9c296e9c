from django.urls import path

from positions import views
from positions.views import about, compare, corrections, embed, export, feeds, stance_map, timeline

app_name = "positions"

urlpatterns = [
    path("", views.home, name="home"),
    path("countries/", views.country_list, name="country_list"),
    path("countries/<country:code>/", views.country_detail, name="country_detail"),
    path("actors/", views.actor_list, name="actor_list"),
    path("actors/<slug:slug>/", views.actor_detail, name="actor_detail"),
    path("positions/", views.position_list, name="position_list"),
    path("positions/export.csv", export.export_csv, name="export_csv"),
    path("positions/export.json", export.export_json, name="export_json"),
    path("positions/export.xlsx", export.export_xlsx, name="export_xlsx"),
    path("feeds/positions/", feeds.PositionFeed(), name="feed"),
    path("positions/<int:pk>/", views.position_detail, name="position_detail"),
    path("corrections/", corrections.corrections, name="corrections"),
    path("feeds/corrections/", corrections.CorrectionFeed(), name="corrections_feed"),
    path("authorisations/", views.authorisation_list, name="authorisation_list"),
    path("timeline/", timeline.timeline, name="timeline"),
    path("timeline/chart.svg", timeline.chart_svg_file, name="chart_svg"),
    path("timeline/chart.png", timeline.chart_png_file, name="chart_png"),
    path("map/", stance_map.stance_map, name="stance_map"),
    path("map.svg", stance_map.map_svg_file, name="map_svg"),
    path("map.png", stance_map.map_png_file, name="map_png"),
    path("compare/", compare.compare, name="compare"),
    path("embed/map/", embed.embed_map, name="embed_map"),
    path("embed/matrix/", embed.embed_matrix, name="embed_matrix"),
    path("embed/countries/<country:code>/", embed.embed_country, name="embed_country"),
    path("embed/timeline/", embed.embed_timeline, name="embed_timeline"),
    path("about/", about.about, name="about"),
]
