from django.urls import path

from contributions import views

app_name = "contributions"

urlpatterns = [
    path("suggest/", views.suggest, name="suggest"),
    path("suggest/thanks/", views.suggest_thanks, name="suggest_thanks"),
    path("positions/<int:pk>/report/", views.report, name="report"),
    path("positions/<int:pk>/report/thanks/", views.report_thanks, name="report_thanks"),
]
