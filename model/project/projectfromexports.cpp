#include "project/projectfromexports.h"

#include "domain/labelrowarrayreader.h"
#include "domain/labelrowsource.h"
#include "domain/wording.h"
#include "engine/engine.h"
#include "store/sqlite/sqlitestore.h"

#include <memory>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QUuid>

namespace lb {

namespace {

// The rows of several export files one after the other, as one source; only those of one branch when a
// branch is given.
class ExportFilesSource final : public LabelRowSource
{
public:
    explicit ExportFilesSource(QStringList files, QString branch = QString())
        : m_files(std::move(files)), m_branch(std::move(branch))
    {
    }

    Result<void> rewind() override
    {
        m_reader.reset();
        m_file.reset();
        m_index = 0;
        m_pending.reset();
        return {};
    }
    Result<std::optional<LabelRowDocument>> next() override { return read(false); }
    Result<std::optional<LabelRowDocument>> nextChecked() override { return read(true); }

    // The files' own batches, parsed in parallel, with the rows of other branches left out.
    Result<QList<LabelRowDocument>> nextBatch(int size, bool checkedOnly) override
    {
        if (m_pending) {
            Error error = std::move(*m_pending);
            m_pending.reset();
            return error;
        }
        QList<LabelRowDocument> batch;
        while (batch.size() < size) {
            if (Result<bool> opened = openNext(); !opened)
                return keepForLater(std::move(batch), opened.takeError());
            else if (!opened.value())
                break;
            Result<QList<LabelRowDocument>> read = m_reader->nextBatch(int(size - batch.size()), checkedOnly);
            if (!read)
                return keepForLater(std::move(batch), read.takeError());
            if (read->isEmpty()) {
                closeFile();
                continue;
            }
            for (LabelRowDocument &row : read.value()) {
                if (m_branch.isEmpty() || row.branchName() == m_branch)
                    batch.append(std::move(row));
            }
        }
        return batch;
    }

private:
    // Opens the next file when none is open; false when every file has been read.
    Result<bool> openNext()
    {
        if (m_reader)
            return true;
        if (m_index >= m_files.size())
            return false;
        m_file = std::make_unique<QFile>(m_files.at(m_index));
        if (!m_file->open(QIODevice::ReadOnly))
            return fail(QStringLiteral("cannot read %1: %2").arg(m_files.at(m_index), m_file->errorString()));
        m_reader = std::make_unique<LabelRowArrayReader>(*m_file, m_files.at(m_index));
        return true;
    }

    void closeFile()
    {
        m_reader.reset();
        m_file.reset();
        ++m_index;
    }

    // Rows read before a failure come first; the failure is the next call's answer.
    Result<QList<LabelRowDocument>> keepForLater(QList<LabelRowDocument> batch, Error error)
    {
        if (batch.isEmpty())
            return error;
        m_pending = std::move(error);
        return batch;
    }

    Result<std::optional<LabelRowDocument>> read(bool checked)
    {
        for (;;) {
            const Result<bool> opened = openNext();
            if (!opened)
                return opened.takeError();
            if (!opened.value())
                return std::optional<LabelRowDocument>();
            Result<std::optional<LabelRowDocument>> row =
                checked ? m_reader->nextChecked() : m_reader->next();
            if (!row)
                return row;
            if (!row->has_value()) {
                closeFile();
                continue;
            }
            if (m_branch.isEmpty() || (*row)->branchName() == m_branch)
                return row;
        }
    }

    QStringList m_files;
    QString m_branch;
    qsizetype m_index = 0;
    std::unique_ptr<QFile> m_file;
    std::unique_ptr<LabelRowArrayReader> m_reader;
    std::optional<Error> m_pending;
};

// What the first reading learns: the data units, the branches and the classes the rows use.
class ExportSurvey
{
public:
    Result<void> add(const LabelRowDocument &row)
    {
        auto unit = m_units.find(row.dataHash());
        if (unit == m_units.end()) {
            m_order.append(row.dataHash());
            unit = m_units.insert(row.dataHash(), row.dataUnit());
        } else if (!(unit->dataType == row.dataType())) {
            return fail(ErrorKind::Usage,
                        QStringLiteral("data unit %1 (%2) has the type %3 in one row and %4 in another")
                            .arg(row.dataHash(), quoted(row.dataTitle()),
                                 quoted(unit->dataType.labelRowName()),
                                 quoted(row.dataType().labelRowName())));
        } else {
            unit->frameCount = std::max(unit->frameCount, row.frameCount());
        }
        countBranch(row.branchName());
        for (const ObjectAnnotation &object : row.objects()) {
            if (!object.featureHash.isEmpty() && !m_objects.contains(object.featureHash)) {
                m_objects.insert(object.featureHash,
                                 OntologyObject{object.featureHash, object.name,
                                                shapeTypeName(object.geometry.shape), object.color});
                m_objectOrder.append(object.featureHash);
            }
        }
        for (const ClassificationAnnotation &classification : row.classifications()) {
            if (!classification.featureHash.isEmpty() &&
                !m_classifications.contains(classification.featureHash)) {
                OntologyClassification inferred;
                inferred.featureHash = classification.featureHash;
                inferred.name = classification.name;
                m_classifications.insert(classification.featureHash, inferred);
                m_classificationOrder.append(classification.featureHash);
            }
        }
        ++m_rows;
        return {};
    }

    int unitCount() const { return int(m_order.size()); }
    QList<DataUnit> units() const
    {
        QList<DataUnit> units;
        units.reserve(m_order.size());
        for (const QString &hash : m_order)
            units.append(m_units.value(hash));
        return units;
    }

    Ontology ontology() const
    {
        Ontology ontology;
        ontology.title = ProjectFromExports::inferredOntologyTitle();
        for (const QString &hash : m_objectOrder)
            ontology.objects.append(m_objects.value(hash));
        for (const QString &hash : m_classificationOrder)
            ontology.classifications.append(m_classifications.value(hash));
        return ontology;
    }

    const QList<QPair<QString, int>> &branches() const { return m_branches; }
    int rows() const { return m_rows; }

private:
    void countBranch(const QString &branch)
    {
        for (auto &[name, count] : m_branches) {
            if (name == branch) {
                ++count;
                return;
            }
        }
        m_branches.append({branch, 1});
    }

    QHash<QString, DataUnit> m_units;
    QStringList m_order;
    QHash<QString, OntologyObject> m_objects;
    QStringList m_objectOrder;
    QHash<QString, OntologyClassification> m_classifications;
    QStringList m_classificationOrder;
    QList<QPair<QString, int>> m_branches;
    int m_rows = 0;
};

Result<ExportSurvey> survey(const QStringList &files, const JobControl &control)
{
    ExportFilesSource source(files);
    ExportSurvey result;
    for (;;) {
        if (control.isCancelled())
            return fail(ErrorKind::Cancelled, QStringLiteral("cancelled; no project was made"));
        Result<QList<LabelRowDocument>> batch = source.nextBatch(500, false);
        if (!batch)
            return batch.takeError();
        if (batch->isEmpty())
            return result;
        for (const LabelRowDocument &row : batch.value()) {
            if (Result<void> added = result.add(row); !added)
                return added.takeError();
        }
        Progress progress;
        progress.done = result.rows();
        progress.stage = QStringLiteral("reading the rows");
        control.report(progress);
    }
}

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
        const Result<CopyResult> imported = engine.importRows(branch, rows, false, control);
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
    Result<ExportSurvey> found = survey(files, control);
    if (!found)
        return found.takeError();
    if (found->rows() == 0)
        return fail(ErrorKind::Usage, QStringLiteral("the export files hold no label rows"));

    ProjectInfo info;
    info.projectHash = QUuid::createUuid().toString(QUuid::WithoutBraces);
    info.title = options.title.isEmpty() ? QFileInfo(files.constFirst()).completeBaseName() : options.title;
    info.description =
        QStringLiteral("Made from %1").arg(plural(int(files.size()), QStringLiteral("export file")));
    const Ontology ontology = options.ontology ? *options.ontology : found->ontology();

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
