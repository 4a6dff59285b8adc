#include "project/projectfromexports.h"

#include "domain/wording.h"
#include "engine/engine.h"
#include "project/exportfilessource.h"
#include "project/exportsurvey.h"
#include "store/sqlite/sqlitestore.h"

#include <QFile>
#include <QFileInfo>
#include <QUuid>

namespace lb {

namespace {

void removeProjectFiles(const QString &path)
{
    for (const QString &suffix :
         {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")})
        QFile::remove(path + suffix);
}

Result<void> importBranches(SqliteStore &store, const QStringList &files, const ExportSurvey &found,
                            const QString &user, const JobControl &control)
{
    Engine engine(store, user);
    for (const auto &[branch, count] : found.branches()) {
        ExportFilesSource rows(files, branch);
        // The survey read and checked every row against the data units it made: no second check.
        Engine::ImportOptions options;
        options.checkedRows = count;
        const Result<CopyResult> imported = engine.importRows(branch, rows, options, control);
        if (!imported)
            return fail(imported.errorKind(),
                        QStringLiteral("branch %1: %2").arg(quoted(branch), imported.error()));
    }
    return {};
}

} // namespace

QString ProjectFromExports::inferredOntologyTitle()
{
    return QStringLiteral("Inferred from the label rows");
}

Result<ProjectFromExports::Report> ProjectFromExports::create(const QString &path, const QStringList &files,
                                                              const Options &options,
                                                              const JobControl &control)
{
    if (files.isEmpty())
        return fail(ErrorKind::Usage, QStringLiteral("no export file given"));
    if (QFileInfo::exists(path))
        return fail(ErrorKind::Conflict,
                    QStringLiteral("%1 already exists; a project is only made as a new file").arg(path));
    Result<ExportSurvey> found = ExportSurvey::of(files, control);
    if (!found)
        return found.takeError();
    if (found->rows() == 0)
        return fail(ErrorKind::Usage, QStringLiteral("the export files hold no label rows"));

    ProjectInfo info;
    info.projectHash = QUuid::createUuid().toString(QUuid::WithoutBraces);
    info.title = options.title.isEmpty() ? QFileInfo(files.constFirst()).completeBaseName() : options.title;
    info.description =
        QStringLiteral("Made from %1").arg(plural(int(files.size()), QStringLiteral("export file")));
    const Ontology ontology =
        options.ontology ? *options.ontology : found->inferredOntology(inferredOntologyTitle());

    // Written under another name and renamed when whole, so the project file never exists half made.
    const QString partial = path + QStringLiteral(".partial");
    removeProjectFiles(partial);
    Result<void> written = [&]() -> Result<void> {
        auto created = SqliteStore::create(partial, info, ontology, found->units());
        if (!created)
            return created.takeError();
        return importBranches(*created.value(), files, found.value(), options.user, control);
    }();
    if (written && !QFile::rename(partial, path))
        written = fail(QStringLiteral("cannot move the new project to %1").arg(path));
    if (!written) {
        removeProjectFiles(partial);
        return written.takeError();
    }

    Report report;
    report.dataUnits = found->unitCount();
    report.rows = found->rows();
    report.rowsPerBranch = found->branches();
    report.ontologyInferred = !options.ontology.has_value();
    report.objectClasses = int(ontology.objects.size());
    report.classificationClasses = int(ontology.classifications.size());
    return report;
}

} // namespace lb
