"""Backup and restore of the whole site in one archive: every row and every uploaded file.

An archive is a .tar.gz holding

- ``manifest.json``: the format, when it was made, the migrations applied, a count
  of rows per model and the media files' names;
- ``data.jsonl``: every row of every model, one JSON object a line, as Django's
  serializers write them (``loaddata`` reads the same);
- ``media/NAME``: each uploaded image and its renditions, read through the
  storage API, so it works the same with files on disk or in object storage.

Rows keep their primary keys: revisions (django-reversion), redirects and the
admin log point at objects by id inside their data, so renumbering anything
would quietly break them. Only content types and permissions are written by
their natural keys, because the database restored into made its own with ids
of its own when it was migrated; everything pointing at them (group and user
permissions, revisions, redirects, the admin log) does so by natural key too.

A restore goes into a migrated database at the same migrations that holds no
content yet, in one transaction: if anything fails, nothing is written. The one
difference of migrations it accepts is a model's move to another app (MOVED_MODELS):
such a move changes no table, and the rows of an archive made before it are read
under the model's new label.
"""

import io
import json
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import django
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, router, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from .serializer import MATCHED_BY_NATURAL_KEY, Serializer

FORMAT = 1
MANIFEST = "manifest.json"
DATA = "data.jsonl"
MEDIA = "media/"

# Who is logged in right now is not the site's content (and a session restored
# into another database could name a different user): never written, and
# emptied on restore, so everyone logs in again.
SKIPPED = {"sessions.session"}
# Rows the migrations themselves create (the taxonomy, the newsroom groups, the
# policy pages): a freshly migrated database holds them, and a restore replaces them.
SEEDED_BY_MIGRATIONS = {"topics.topic", "auth.group", "newsroom.policypage"}
# Models that moved to another app, by the migrations that moved them without
# changing their table: (label before, label after, those migrations). An archive
# made before the move lacks those migrations and names the model, its content type
# and its permissions by the old label; a restore reads them by the new one.
MOVED_MODELS = [
    (
        "newsroom.correction",
        "articles.correction",
        {"articles.0012_correction", "newsroom.0009_correction_moves_to_articles"},
    ),
]


class BackupError(Exception):
    """Why an archive cannot be written or restored, in words for the operator."""


@dataclass
class Summary:
    rows: dict = field(default_factory=dict)
    media: list = field(default_factory=list)
    missing_media: list = field(default_factory=list)

    @property
    def row_count(self):
        return sum(self.rows.values())


def backed_up_models():
    """Every concrete model stored in the database, in an order `loaddata` can follow."""
    chosen = [
        model
        for model in apps.get_models()
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.label_lower not in SKIPPED
        and router.allow_migrate_model(DEFAULT_DB_ALIAS, model)
    ]
    return serializers.sort_dependencies([(None, chosen)], allow_cycles=True)


def applied_migrations(using=DEFAULT_DB_ALIAS):
    recorder = MigrationRecorder(connections[using])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def write_backup(path, *, using=DEFAULT_DB_ALIAS):
    """Write the whole site to a .tar.gz at `path` and return a Summary.

    The rows are read in one transaction (a consistent snapshot on PostgreSQL
    with REPEATABLE READ; SQLite's read transaction is one already), and the
    archive only takes `path`'s name once it is complete.
    """
    path = Path(path)
    summary = Summary()
    partial = path.with_name(path.name + ".partial")
    try:
        with tempfile.TemporaryDirectory() as scratch:
            data_file = Path(scratch) / DATA
            connection = connections[using]
            snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
            with transaction.atomic(using=using):
                if snapshot:
                    with connection.cursor() as cursor:
                        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                with data_file.open("w", encoding="utf-8") as stream:
                    for model in backed_up_models():
                        summary.rows[model._meta.label_lower] = _dump_rows(model, stream, using)
                media_names = _media_names(using)
                migrations = applied_migrations(using)
            with tarfile.open(partial, "w:gz") as archive:
                archive.add(data_file, arcname=DATA)
                for name in media_names:
                    if _add_media(archive, name):
                        summary.media.append(name)
                    else:
                        summary.missing_media.append(name)
                manifest = {
                    "format": FORMAT,
                    "created_at": timezone.now().isoformat(),
                    "django": django.get_version(),
                    "database": connections[using].vendor,
                    "migrations": migrations,
                    "rows": summary.rows,
                    "media": summary.media,
                    "missing_media": summary.missing_media,
                }
                _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return summary


def _dump_rows(model, stream, using):
    label = model._meta.label_lower
    many_to_many = []
    for f in model._meta.local_many_to_many:
        if f.remote_field.through._meta.auto_created:
            many_to_many.append(f.name)
            if f.related_model._meta.label_lower == "auth.permission":
                many_to_many.append(f"{f.name}__content_type")  # in its natural key
    # Content types and permissions go by natural key: joined, not a query per row.
    by_natural_key = [
        f.name
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model._meta.label_lower in MATCHED_BY_NATURAL_KEY
    ]
    rows = (
        model._base_manager.using(using)
        .order_by("pk")
        .select_related(*by_natural_key)
        .prefetch_related(*many_to_many)
    )
    count = rows.count()
    Serializer().serialize(
        rows.iterator(chunk_size=2000),
        stream=stream,
        use_natural_foreign_keys=True,
        use_natural_primary_keys=label in MATCHED_BY_NATURAL_KEY,
    )
    return count


def _file_fields(model):
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def _media_names(using):
    """Every stored file a row names, and the renditions made from them."""
    names = set()
    for model in backed_up_models():
        for file_field in _file_fields(model):
            values = model._base_manager.using(using).exclude(**{file_field.name: ""})
            names.update(values.values_list(file_field.name, flat=True))
    names.update(_walk(default_storage, getattr(settings, "IMAGEKIT_CACHEFILE_DIR", "")))
    return sorted(name for name in names if name)


def _walk(storage, folder):
    if not folder:
        return []
    try:
        folders, files = storage.listdir(folder)
    except (FileNotFoundError, NotImplementedError):
        # No renditions yet, or a storage that cannot list: `generateimages` remakes them.
        return []
    found = [f"{folder}/{name}" for name in files]
    for sub in folders:
        found += _walk(storage, f"{folder}/{sub}")
    return found


def _add_media(archive, name):
    try:
        handle = default_storage.open(name, "rb")
    except FileNotFoundError:
        return False
    with handle:
        content = handle.read()
    _add_bytes(archive, MEDIA + name, content)
    return True


def _add_bytes(archive, name, content):
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o644
    archive.addfile(info, io.BytesIO(content))


# Restore


def read_manifest(archive):
    try:
        member = archive.extractfile(MANIFEST)
        manifest = json.load(member)
    except (KeyError, AttributeError, ValueError):
        raise BackupError(
            "This archive has no readable manifest.json: it was not made by `manage.py backup`."
        ) from None
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"This archive has format {manifest.get('format')!r}; this version of the "
            f"portal reads format {FORMAT}."
        )
    return manifest


def content_counts(using=DEFAULT_DB_ALIAS):
    """Rows in the database beyond what `migrate` creates, by model (only those with any)."""
    counts = {}
    for model in backed_up_models():
        label = model._meta.label_lower
        if label in MATCHED_BY_NATURAL_KEY or label in SEEDED_BY_MIGRATIONS:
            continue
        count = model._base_manager.using(using).count()
        if count:
            counts[model._meta.verbose_name_plural] = count
    return counts


def restore_backup(path, *, force=False, using=DEFAULT_DB_ALIAS):
    """Replace the database's rows and write the media files from the archive at `path`.

    Refuses (BackupError) a database at other migrations, or one holding content
    unless `force`. Rows go in within one transaction; the media files are
    written inside it too, and removed again if anything fails before the commit.
    """
    with _open_archive(path) as archive:
        manifest = read_manifest(archive)
        moves = _check_migrations(manifest, using)
        if not force:
            counts = content_counts(using)
            if counts:
                held = ", ".join(f"{n} {name}" for name, n in counts.items())
                raise BackupError(
                    f"The database already holds content ({held}). Restore into an empty, "
                    "migrated database, or give --force to replace everything in it."
                )
        media = _media_members(archive)
        _check_media(archive, media, force)
        with tempfile.TemporaryDirectory() as scratch:
            data_file = Path(scratch) / DATA
            source = archive.extractfile(DATA)
            if source is None:
                raise BackupError(f"{path} holds no {DATA}.")
            with source, data_file.open("wb") as target:
                if moves:
                    _copy_relabelled(source, target, moves)
                else:
                    while chunk := source.read(1 << 20):
                        target.write(chunk)
            written = []
            try:
                with transaction.atomic(using=using):
                    _empty_tables(using)
                    try:
                        call_command("loaddata", str(data_file), database=using, verbosity=0)
                    except (DeserializationError, DatabaseError, ObjectDoesNotExist) as error:
                        raise BackupError(
                            f"The archive's rows could not be loaded, so nothing was "
                            f"restored: {error}"
                        ) from error
                    for name, member in media:
                        _write_media(archive, name, member, written)
            except BaseException:
                for name in written:
                    default_storage.delete(name)
                raise
    rows = {moves.get(label, label): n for label, n in manifest.get("rows", {}).items()}
    return Summary(rows=rows, media=[name for name, _ in media])


def _open_archive(path):
    if not Path(path).is_file():
        raise BackupError(f"{path}: no such file.")
    try:
        return tarfile.open(path, "r:gz")
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"{path} is not a .tar.gz backup ({error}).") from None


def _check_migrations(manifest, using):
    """Refuse an archive made at other migrations than the database's, unless the only
    ones it lacks moved models (MOVED_MODELS). Returns {old label: new label} for
    those moves, for the rows to be read under the new labels."""
    theirs = set(manifest.get("migrations", []))
    ours = set(applied_migrations(using))
    moves = {}
    for old_label, new_label, migrations in MOVED_MODELS:
        if migrations <= ours and not migrations & theirs:
            theirs |= migrations
            moves[old_label] = new_label
    if theirs == ours:
        return moves
    missing, extra = sorted(theirs - ours), sorted(ours - theirs)
    lines = ["The backup and this database are at different migrations."]
    if missing:
        lines.append(f"Not applied here: {', '.join(missing)} (run `manage.py migrate`).")
    if extra:
        lines.append(
            f"Applied here but not in the backup: {', '.join(extra)}. Restore with the "
            "release that made the backup, then upgrade and migrate."
        )
    raise BackupError(" ".join(lines))


def _copy_relabelled(source, target, moves):
    """Copy the archive's rows, those naming a moved model by its old label rewritten
    (the others, most of them, are copied as they are)."""
    # Every row that can name one: those of the model, of content types, permissions
    # and of whatever points at them by natural key (["newsroom", "correction"]).
    markers = [f'"{name}"'.encode() for label in moves for name in (label, label.split(".")[0])]
    for line in source:
        if any(marker in line for marker in markers):
            line = json.dumps(_relabelled(json.loads(line), moves)).encode() + b"\n"
        target.write(line)


def _relabelled(row, moves):
    """One serialized row as it would have been written after the moves: its model's
    label, and the content types and permissions it names by natural key."""
    keys = {tuple(old.split(".")): new.split(".") for old, new in moves.items()}

    def content_type(key):
        return keys.get(tuple(key), key) if key else key

    def permission(key):
        return [key[0], *content_type(key[1:])] if key else key

    row["model"] = label = moves.get(row["model"], row["model"])
    fields = row.get("fields", {})
    if label == "contenttypes.contenttype":
        fields["app_label"], fields["model"] = content_type(
            [fields.get("app_label"), fields.get("model")]
        )
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return row  # loaddata says what is wrong with it
    for f in [*model._meta.concrete_fields, *model._meta.local_many_to_many]:
        if f.name not in fields or not f.is_relation:
            continue
        related = f.related_model._meta.label_lower
        if related == "contenttypes.contenttype":
            fields[f.name] = content_type(fields[f.name])
        elif related == "auth.permission" and f.many_to_many:
            fields[f.name] = [permission(key) for key in fields[f.name]]
        elif related == "auth.permission":
            fields[f.name] = permission(fields[f.name])
    return row


def _media_members(archive):
    members = []
    for member in archive.getmembers():
        if not member.name.startswith(MEDIA):
            continue
        name = member.name[len(MEDIA) :]
        parts = PurePosixPath(name).parts
        if not member.isfile() or not parts or name.startswith("/") or ".." in parts:
            raise BackupError(f"The archive holds an unsafe media name: {member.name!r}.")
        members.append((name, member))
    return members


def _check_media(archive, media, force):
    if force:
        return
    clashes = []
    for name, member in media:
        if default_storage.exists(name):
            with default_storage.open(name, "rb") as handle:
                if handle.read() != archive.extractfile(member).read():
                    clashes.append(name)
    if clashes:
        shown = ", ".join(clashes[:5]) + (" …" if len(clashes) > 5 else "")
        raise BackupError(
            f"{len(clashes)} media file(s) already exist with other content ({shown}). "
            "Restore into empty media storage, or give --force to overwrite them."
        )


def _write_media(archive, name, member, written):
    content = archive.extractfile(member).read()
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as handle:
            if handle.read() == content:
                return
        default_storage.delete(name)
    saved = default_storage.save(name, ContentFile(content))
    written.append(saved)
    if saved != name:
        raise BackupError(f"The storage saved {name!r} as {saved!r}; pages would not find it.")


def _empty_tables(using):
    """Delete every row a restore brings back (and every session) in this transaction."""
    tables = set()
    for model in [*backed_up_models(), apps.get_model("sessions", "Session")]:
        if model._meta.label_lower in MATCHED_BY_NATURAL_KEY:
            continue
        tables.add(model._meta.db_table)
        for many in model._meta.local_many_to_many:
            if many.remote_field.through._meta.auto_created:
                tables.add(many.remote_field.through._meta.db_table)
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    statements = connection.ops.sql_flush(no_style(), sorted(tables & existing))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
