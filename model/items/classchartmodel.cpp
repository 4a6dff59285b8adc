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
    return build(diff.sourceBranch, diff.summary.sourceClassTotals, diff.targetBranch,
                 diff.summary.targetClassTotals, ontology, diff.summary.total);
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

ClassCountIndex ClassCountIndex::fromRows(const QString &sourceBranch,
                                          const QList<LabelRowSummary> &sourceRows,
                                          const QString &targetBranch,
                                          const QList<LabelRowSummary> &targetRows,
                                          const QStringList &dataHashes)
{
    ClassCountIndex index;
    index.m_sourceBranch = sourceBranch;
    index.m_targetBranch = targetBranch;
    index.m_size = int(dataHashes.size());
    QHash<QString, int> positionOf;
    positionOf.reserve(dataHashes.size());
    for (int i = 0; i < dataHashes.size(); ++i)
        positionOf.insert(dataHashes.at(i), i);
    index.addRows(index.m_source, sourceRows, positionOf);
    index.addRows(index.m_target, targetRows, positionOf);
    return index;
}

void ClassCountIndex::addRows(Side &side, const QList<LabelRowSummary> &rows,
                              const QHash<QString, int> &positionOf)
{
    // Rows arrive in the store's order; cells must follow the positions' order.
    QList<const LabelRowSummary *> rowAt(m_size, nullptr);
    for (const LabelRowSummary &row : rows) {
        const auto position = positionOf.constFind(row.dataHash);
        if (position != positionOf.cend() && row.isInitialised())
            rowAt[position.value()] = &row;
    }
    side.firstCell.reserve(m_size + 1);
    for (const LabelRowSummary *row : std::as_const(rowAt)) {
        side.firstCell.append(int(side.counts.size()));
        if (!row)
            continue;
        for (auto it = row->classCounts.cbegin(); it != row->classCounts.cend(); ++it) {
            auto known = m_classIndex.constFind(it.key());
            if (known == m_classIndex.cend()) {
                known = m_classIndex.insert(it.key(), int(m_classHashes.size()));
                m_classHashes.append(it.key());
            }
            side.classIndexes.append(known.value());
            side.counts.append(it.value());
        }
    }
    side.firstCell.append(int(side.counts.size()));
}

ClassChartModel ClassCountIndex::chart(const QList<int> &positions, const Ontology &ontology) const
{
    const qsizetype classes = m_classHashes.size();
    std::vector<int> source(size_t(classes), 0), target(size_t(classes), 0);
    std::vector<bool> counted(size_t(m_size), false);
    int dataUnits = 0;
    const auto add = [](const Side &side, int position, std::vector<int> &totals) {
        const int end = side.firstCell.at(position + 1);
        for (int cell = side.firstCell.at(position); cell < end; ++cell)
            totals[size_t(side.classIndexes.at(cell))] += side.counts.at(cell);
    };
    for (int position : positions) {
        if (position < 0 || position >= m_size || counted[size_t(position)])
            continue;
        counted[size_t(position)] = true;
        ++dataUnits;
        add(m_source, position, source);
        add(m_target, position, target);
    }
    QHash<QString, int> sourceTotals, targetTotals;
    for (qsizetype i = 0; i < classes; ++i) {
        if (source[size_t(i)] != 0)
            sourceTotals.insert(m_classHashes.at(i), source[size_t(i)]);
        if (target[size_t(i)] != 0)
            targetTotals.insert(m_classHashes.at(i), target[size_t(i)]);
    }
    return ClassChartModel::fromTotals(m_sourceBranch, sourceTotals, m_targetBranch, targetTotals, ontology,
                                       dataUnits);
}

} // namespace lb
