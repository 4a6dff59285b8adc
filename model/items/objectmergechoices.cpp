#include "items/objectmergechoices.h"

namespace lb {

void ObjectMergeChoices::setPair(const QString &source, const QString &target)
{
    if (source == m_source && target == m_target)
        return;
    m_source = source;
    m_target = target;
    clear();
}

void ObjectMergeChoices::choose(const QString &dataHash, const QString &objectHash, MergeChoice choice)
{
    if (dataHash.isEmpty() || objectHash.isEmpty())
        return;
    if (!m_units.contains(dataHash))
        m_order.append(dataHash);
    m_units[dataHash].insert(objectHash, choice);
}

void ObjectMergeChoices::forget(const QString &dataHash, const QString &objectHash)
{
    const auto unit = m_units.find(dataHash);
    if (unit == m_units.end())
        return;
    unit->remove(objectHash);
    if (unit->isEmpty()) {
        m_units.erase(unit);
        m_order.removeAll(dataHash);
    }
}

void ObjectMergeChoices::forgetUnits(const QStringList &dataHashes)
{
    for (const QString &dataHash : dataHashes) {
        m_units.remove(dataHash);
        m_order.removeAll(dataHash);
    }
}

void ObjectMergeChoices::clear()
{
    m_units.clear();
    m_order.clear();
}

std::optional<MergeChoice> ObjectMergeChoices::choiceOf(const QString &dataHash,
                                                        const QString &objectHash) const
{
    const auto unit = m_units.constFind(dataHash);
    if (unit == m_units.cend())
        return std::nullopt;
    const auto choice = unit->constFind(objectHash);
    return choice == unit->cend() ? std::nullopt : std::optional<MergeChoice>(*choice);
}

QHash<QString, MergeChoice> ObjectMergeChoices::choicesIn(const QString &dataHash) const
{
    return m_units.value(dataHash);
}

int ObjectMergeChoices::objectCount() const
{
    int count = 0;
    for (const auto &unit : m_units)
        count += int(unit.size());
    return count;
}

MergeRequest ObjectMergeChoices::request() const
{
    MergeRequest request;
    request.sourceBranch = m_source;
    request.targetBranch = m_target;
    request.otherObjects = MergeChoice::KeepTarget;
    for (const QString &dataHash : m_order) {
        UnitMergeRequest unit;
        unit.dataHash = dataHash;
        unit.objects = m_units.value(dataHash);
        request.units.append(unit);
    }
    return request;
}

} // namespace lb
