// BranchDiffModel's restriction to a set of data units (items/branchdiffmodel.h).
#include "items/branchdiffmodel.h"

namespace lb {

void BranchDiffModel::setUnitRestriction(const QSet<qint64> &units, const QString &label)
{
    m_restrictedUnits = units;
    m_restrictionLabel = label.isEmpty() ? tr("Filtered") : label;
    m_restrictionSource = m_query.sourceBranch;
    m_restrictionTarget = m_query.targetBranch;
    Q_EMIT unitRestrictionChanged();
    if (hasComparison())
        Q_EMIT rowsRequested(m_query);
}

void BranchDiffModel::clearUnitRestriction()
{
    if (!hasUnitRestriction())
        return;
    m_restrictedUnits.clear();
    m_restrictionLabel.clear();
    Q_EMIT unitRestrictionChanged();
    if (hasComparison())
        Q_EMIT rowsRequested(m_query);
}

void BranchDiffModel::restrictRows(DiffRowSet &rows)
{
    if (!hasUnitRestriction())
        return;
    if (rows.query.sourceBranch != m_restrictionSource || rows.query.targetBranch != m_restrictionTarget) {
        m_restrictedUnits.clear();
        m_restrictionLabel.clear();
        Q_EMIT unitRestrictionChanged();
        return;
    }
    const bool listed = !rows.entries.isEmpty();
    qsizetype kept = 0;
    for (qsizetype i = 0; i < rows.rows.size(); ++i) {
        if (!m_restrictedUnits.contains(rows.rows.at(i).unit))
            continue;
        rows.rows[kept] = rows.rows.at(i);
        if (listed)
            rows.entries[kept] = rows.entries.at(i);
        ++kept;
    }
    rows.rows.resize(kept);
    if (listed)
        rows.entries.resize(kept);
}

} // namespace lb
