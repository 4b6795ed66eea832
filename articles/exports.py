"""An article's reference list as files for reference managers (Zotero, EndNote,
Mendeley): RIS, BibTeX and CSL-JSON, each written from the citation records."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views import View

from references.formats import bibtex, citation_record, csl_json, ris

from .models import Article

FORMATS = {
    # name: (writer, content type, file extension)
    "ris": (ris, "application/x-research-info-systems", "ris"),
    "bibtex": (bibtex, "application/x-bibtex", "bib"),
    "csl": (csl_json, "application/vnd.citationstyles.csl+json", "json"),
}


class ReferenceExportView(View):
    http_method_names = ["get", "head"]
    format = None  # a key of FORMATS, set in urls.py

    def get(self, request, slug):
        article = get_object_or_404(
            Article.objects.published().prefetch_related("references").only("pk", "slug"),
            slug=slug,
        )
        writer, content_type, extension = FORMATS[self.format]
        records = [citation_record(reference) for reference in article.references.all()]
        response = HttpResponse(writer(records), content_type=f"{content_type}; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="{article.slug}-references.{extension}"'
        )
        return response
