from django.urls import path, re_path

from releases import views

app_name = "releases"

NUMBER = r"(?P<number>[0-9]{4}\.[0-9]{1,2}\.[0-9]{1,3})"

urlpatterns = [
    path("data/", views.data, name="data"),
    re_path(rf"^data/{NUMBER}/$", views.release_detail, name="release_detail"),
    re_path(rf"^data/{NUMBER}/(?P<name>[A-Za-z0-9_.]+)$", views.release_file, name="release_file"),
    re_path(
        r"^cite/(?P<kind>release|position|country|actor)/(?P<key>[-\w.]+)\.(?P<fmt>bib|ris|json)$",
        views.cite,
        name="cite",
    ),
]
