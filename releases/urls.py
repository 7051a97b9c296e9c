from django.urls import path

from releases import views

app_name = "releases"

urlpatterns = [
    path("data/", views.data, name="data"),
    path("data/<release:number>/", views.release_detail, name="release_detail"),
    path("data/<release:number>/<str:name>", views.release_file, name="release_file"),
    path("embed/data/<release:number>/countries/<country:code>/", views.embed_country, name="embed_country"),
    path("embed/data/<release:number>/matrix/", views.embed_matrix, name="embed_matrix"),
    path("embed/data/<release:number>/map/", views.embed_map, name="embed_map"),
    path("embed/data/<release:number>/timeline/", views.embed_timeline, name="embed_timeline"),
    path("cite/<cited:kind>/<str:key>.<citeformat:fmt>", views.cite, name="cite"),
]
