#include "project/exportsurvey.h"

#include "domain/branchname.h"
#include "domain/labelrowdocument.h"
#include "domain/wording.h"
#include "project/exportfilessource.h"

namespace lb {

namespace {

constexpr int kSurveyBatchSize = 500;

} // namespace

Result<ExportSurvey> ExportSurvey::of(const QStringList &files, const JobControl &control)
{
    ExportFilesSource source(files);
    ExportSurvey survey;
    for (;;) {
        if (control.isCancelled())
            return fail(ErrorKind::Cancelled, QStringLiteral("cancelled; no project was made"));
        Result<QList<LabelRowDocument>> batch = source.nextBatch(kSurveyBatchSize, RowReading::Checked);
        if (!batch)
            return batch.takeError();
        if (batch->isEmpty())
            return survey;
        for (const LabelRowDocument &row : batch.value()) {
            if (Result<void> added = survey.add(row); !added)
                return added.takeError();
        }
        Progress progress;
        progress.done = survey.rows();
        progress.stage = QStringLiteral("reading the rows");
        control.report(progress);
    }
}

Result<void> ExportSurvey::add(const LabelRowDocument &row)
{
    const Result<int> branch = countBranch(row.branchName());
    if (!branch)
        return branch.takeError();
    auto found = m_unitIndex.constFind(row.dataHash());
    qsizetype unit = 0;
    if (found == m_unitIndex.cend()) {
        unit = m_units.size();
        m_unitIndex.insert(row.dataHash(), unit);
        DataUnit described = row.dataUnit();
        // Every unit of a dataset names it: one copy of its hash and title for all of them.
        described.datasetHash = shared(described.datasetHash);
        described.datasetTitle = shared(described.datasetTitle);
        m_units.append(std::move(described));
    } else {
        unit = found.value();
        DataUnit &known = m_units[unit];
        if (!(known.dataType == row.dataType()))
            return fail(ErrorKind::Usage,
                        QStringLiteral("data unit %1 (%2) has the type %3 in one row and %4 in another")
                            .arg(row.dataHash(), quoted(row.dataTitle()),
                                 quoted(known.dataType.labelRowName()),
                                 quoted(row.dataType().labelRowName())));
        known.frameCount = std::max(known.frameCount, row.frameCount());
    }
    const QPair<qsizetype, int> placed{unit, branch.value()};
    if (m_unitsOnBranches.contains(placed))
        return fail(ErrorKind::Usage,
                    QStringLiteral("the export files have more than one row for data unit %1 (%2) "
                                   "on branch %3; a branch has one row per data unit")
                        .arg(quoted(row.dataTitle()), row.dataHash(), quoted(row.branchName())));
    m_unitsOnBranches.insert(placed);
    addClasses(row);
    ++m_rows;
    return {};
}

QString ExportSurvey::shared(const QString &text)
{
    const auto known = m_strings.constFind(text);
    if (known != m_strings.cend())
        return *known;
    m_strings.insert(text);
    return text;
}

// The branch's index, counting the row.
Result<int> ExportSurvey::countBranch(const QString &branch)
{
    for (int i = 0; i < m_branches.size(); ++i) {
        if (m_branches[i].first == branch) {
            ++m_branches[i].second;
            return i;
        }
    }
    if (const QString problem = branchNameError(branch); !problem.isEmpty())
        return fail(ErrorKind::Usage,
                    QStringLiteral("a row names the branch %1: %2").arg(quoted(branch), problem));
    m_branches.append({branch, 1});
    return int(m_branches.size() - 1);
}

void ExportSurvey::addClasses(const LabelRowDocument &row)
{
    for (const ObjectAnnotation &object : row.objects()) {
        if (!object.featureHash.isEmpty() && !m_objectIndex.contains(object.featureHash)) {
            m_objectIndex.insert(object.featureHash, m_objects.size());
            m_objects.append(OntologyObject{object.featureHash, object.name,
                                            shapeTypeName(object.geometry.shape), object.color});
        }
    }
    for (const ClassificationAnnotation &classification : row.classifications()) {
        if (!classification.featureHash.isEmpty() &&
            !m_classificationIndex.contains(classification.featureHash)) {
            m_classificationIndex.insert(classification.featureHash, m_classifications.size());
            OntologyClassification inferred;
            inferred.featureHash = classification.featureHash;
            inferred.name = classification.name;
            m_classifications.append(inferred);
        }
    }
}

Ontology ExportSurvey::inferredOntology(const QString &title) const
{
    Ontology ontology;
    ontology.title = title;
    ontology.objects = m_objects;
    ontology.classifications = m_classifications;
    return ontology;
}

} // namespace lb
