#include "items/classchartmodel.h"

#include <algorithm>
#include <vector>

namespace lb {

namespace {

void addCounts(QHash<QString, int> &totals, const QHash<QString, int> &counts)
{
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        totals[it.key()] += it.value();
}

} // namespace

ClassChartModel ClassChartModel::fromDiff(const BranchDiff &diff, const Ontology &ontology)
{
    return fromSummary(diff.sourceBranch, diff.targetBranch, diff.summary, ontology);
}

ClassChartModel ClassChartModel::fromSummary(const QString &sourceBranch, const QString &targetBranch,
                                             const DiffSummary &summary, const Ontology &ontology)
{
    return build(sourceBranch, summary.sourceClassTotals, targetBranch, summary.targetClassTotals, ontology,
                 summary.total);
}

ClassChartModel ClassChartModel::fromRows(const QString &sourceBranch,
                                          const QList<LabelRowSummary> &sourceRows,
                                          const QString &targetBranch,
                                          const QList<LabelRowSummary> &targetRows, const Ontology &ontology,
                                          const QSet<QString> &dataHashes)
{
    QHash<QString, int> sourceTotals, targetTotals;
    QSet<QString> covered;
    const auto collect = [&](const QList<LabelRowSummary> &rows, QHash<QString, int> &totals) {
        for (const LabelRowSummary &row : rows) {
            if (!dataHashes.isEmpty() && !dataHashes.contains(row.dataHash))
                continue;
            covered.insert(row.dataHash);
            if (row.isInitialised())
                addCounts(totals, row.classCounts);
        }
    };
    collect(sourceRows, sourceTotals);
    collect(targetRows, targetTotals);
    // A selected data unit without a row on either branch still belongs to the selection.
    const int dataUnits = dataHashes.isEmpty() ? int(covered.size()) : int(dataHashes.size());
    return build(sourceBranch, sourceTotals, targetBranch, targetTotals, ontology, dataUnits);
}

ClassChartModel ClassChartModel::fromTotals(const QString &sourceBranch,
                                            const QHash<QString, int> &sourceTotals,
                                            const QString &targetBranch,
                                            const QHash<QString, int> &targetTotals, const Ontology &ontology,
                                            int dataUnits)
{
    return build(sourceBranch, sourceTotals, targetBranch, targetTotals, ontology, dataUnits);
}

ClassChartModel ClassChartModel::build(const QString &sourceBranch, const QHash<QString, int> &sourceTotals,
                                       const QString &targetBranch, const QHash<QString, int> &targetTotals,
                                       const Ontology &ontology, int dataUnits)
{
    ClassChartModel model;
    model.m_sourceBranch = sourceBranch;
    model.m_targetBranch = targetBranch;
    model.m_dataUnits = dataUnits;

    QSet<QString> seen;
    const auto add = [&](const QString &featureHash) {
        if (seen.contains(featureHash))
            return;
        seen.insert(featureHash);
        const int source = sourceTotals.value(featureHash);
        const int target = targetTotals.value(featureHash);
        if (source == 0 && target == 0)
            return;
        ClassChartEntry entry;
        entry.featureHash = featureHash;
        entry.name = ontology.nameOf(featureHash);
        if (const OntologyObject *object = ontology.object(featureHash))
            entry.color = object->color;
        entry.source = source;
        entry.target = target;
        model.m_entries.append(entry);
    };
    for (const OntologyObject &object : ontology.objects)
        add(object.featureHash);

    // Rows may hold classes the ontology no longer lists; they still count, after the known ones.
    QStringList unknown;
    for (auto it = sourceTotals.cbegin(); it != sourceTotals.cend(); ++it)
        if (!seen.contains(it.key()))
            unknown.append(it.key());
    for (auto it = targetTotals.cbegin(); it != targetTotals.cend(); ++it)
        if (!seen.contains(it.key()) && !unknown.contains(it.key()))
            unknown.append(it.key());
    std::sort(unknown.begin(), unknown.end(), [&](const QString &a, const QString &b) {
        return ontology.nameOf(a).compare(ontology.nameOf(b), Qt::CaseInsensitive) < 0;
    });
    for (const QString &featureHash : unknown)
        add(featureHash);
    return model;
}

int ClassChartModel::sourceTotal() const
{
    int total = 0;
    for (const ClassChartEntry &entry : m_entries)
        total += entry.source;
    return total;
}

int ClassChartModel::targetTotal() const
{
    int total = 0;
    for (const ClassChartEntry &entry : m_entries)
        total += entry.target;
    return total;
}

int ClassChartModel::maxCount() const
{
    int most = 0;
    for (const ClassChartEntry &entry : m_entries)
        most = std::max({most, entry.source, entry.target});
    return most;
}

const ClassChartEntry *ClassChartModel::entry(const QString &featureHash) const
{
    for (const ClassChartEntry &entry : m_entries)
        if (entry.featureHash == featureHash)
            return &entry;
    return nullptr;
}

} // namespace lb
