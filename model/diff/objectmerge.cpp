#include "diff/objectmerge.h"

#include "diff/labelrowparts.h"

#include <algorithm>
#include <map>
#include <optional>
#include <QSet>

namespace lb {

namespace {

using json = nlohmann::json;
using Parts = std::map<QString, LabelPart>;

// One object (or classification) as both rows and the base have it.
struct Slot
{
    QString hash;       // as MergeEntry::hash
    QString sourceHash; // empty: not on the source
    QString targetHash; // empty: not on the target
    std::optional<LabelPart> source, target, base;
};

std::optional<LabelPart> partOf(const Parts &parts, const QString &hash)
{
    if (hash.isEmpty())
        return std::nullopt;
    const auto it = parts.find(hash);
    return it == parts.end() ? std::nullopt : std::optional<LabelPart>(it->second);
}

// Slots of paired objects first, then of hashes both rows have, then of hashes only one row has.
QList<Slot> slotsOf(const Parts &source, const Parts &target, const Parts &base,
                    const QHash<QString, QString> &pairing)
{
    QList<Slot> slots;
    QHash<QString, QString> targetToSource;
    for (auto it = pairing.cbegin(); it != pairing.cend(); ++it)
        targetToSource.insert(it.value(), it.key());
    for (const auto &[hash, part] : target) {
        Slot slot;
        slot.hash = slot.targetHash = hash;
        slot.sourceHash = targetToSource.value(hash);
        if (slot.sourceHash.isEmpty() && source.count(hash) && !pairing.contains(hash))
            slot.sourceHash = hash;
        slots.append(slot);
    }
    for (const auto &[hash, part] : source) {
        // Taken by a target slot: paired, or matched by hash to a target object that has no pair.
        if (pairing.contains(hash) || (target.count(hash) && !targetToSource.contains(hash)))
            continue;
        Slot slot;
        slot.hash = slot.sourceHash = hash;
        slots.append(slot);
    }
    for (Slot &slot : slots) {
        slot.source = partOf(source, slot.sourceHash);
        slot.target = partOf(target, slot.targetHash);
        slot.base = base.count(slot.hash) ? partOf(base, slot.hash) : partOf(base, slot.sourceHash);
    }
    return slots;
}

SideChange changeFrom(const std::optional<LabelPart> &from, const std::optional<LabelPart> &to)
{
    if (!from && to)
        return SideChange::Added;
    if (from && !to)
        return SideChange::Removed;
    return LabelRowParts::same(from, to) ? SideChange::None : SideChange::Edited;
}

// Decides one slot; fails on a choice that cannot apply.
Result<MergeEntry> decide(const Slot &slot, bool classification, bool hasBase,
                          const QHash<QString, MergeChoice> &choices, MergeChoice fallback)
{
    MergeEntry entry;
    entry.classification = classification;
    entry.hash = slot.hash;
    entry.sourceHash = slot.sourceHash;
    entry.hasBase = hasBase;
    const QString what = classification ? QStringLiteral("classification") : QStringLiteral("object");
    const QString name = slot.sourceHash.isEmpty() || slot.sourceHash == slot.hash
                             ? slot.hash
                             : QStringLiteral("%1 (%2 on the source)").arg(slot.hash, slot.sourceHash);
    const auto byTarget = choices.constFind(slot.hash);
    const auto bySource = slot.sourceHash.isEmpty() ? choices.cend() : choices.constFind(slot.sourceHash);
    if (byTarget != choices.cend() && bySource != choices.cend() && byTarget.value() != bySource.value())
        return fail(ErrorKind::Usage, QStringLiteral("%1 %2 is given two choices").arg(what, name));
    const auto given = byTarget != choices.cend() ? byTarget : bySource;
    entry.chosen = given != choices.cend();
    entry.choice = entry.chosen ? given.value() : fallback;
    if (entry.chosen && entry.choice == MergeChoice::ThreeWay && !hasBase)
        return fail(ErrorKind::Usage,
                    QStringLiteral("%1 %2 cannot be merged three-way: the target row was not copied from the "
                                   "source, so there is no content to compare both sides with")
                        .arg(what, name));
    entry.sourceChange = hasBase ? changeFrom(slot.base, slot.source) : changeFrom(slot.target, slot.source);
    entry.targetChange = hasBase ? changeFrom(slot.base, slot.target) : changeFrom(slot.source, slot.target);
    if (LabelRowParts::same(slot.source, slot.target))
        return entry; // Same
    switch (entry.choice) {
    case MergeChoice::TakeSource:
        entry.outcome = MergeOutcome::TookSource;
        break;
    case MergeChoice::KeepTarget:
        entry.outcome = MergeOutcome::KeptTarget;
        break;
    case MergeChoice::ThreeWay:
        if (!hasBase || entry.sourceChange == SideChange::None)
            entry.outcome = MergeOutcome::KeptTarget;
        else if (entry.targetChange == SideChange::None)
            entry.outcome = MergeOutcome::TookSource;
        else
            entry.outcome = MergeOutcome::Conflict;
        break;
    }
    entry.changesTarget = entry.outcome == MergeOutcome::TookSource;
    return entry;
}

bool names(const QList<Slot> &slots, const QString &hash)
{
    return std::any_of(slots.cbegin(), slots.cend(),
                       [&hash](const Slot &slot) { return slot.hash == hash || slot.sourceHash == hash; });
}

// Every hash a choice or pairing names must be one of the rows'.
Result<void> checkNamed(const QHash<QString, MergeChoice> &choices, const QList<Slot> &slots,
                        const QString &what)
{
    QSet<QString> known;
    for (const Slot &slot : slots)
        known << slot.hash << slot.sourceHash;
    QStringList unknown;
    for (auto it = choices.cbegin(); it != choices.cend(); ++it) {
        if (!known.contains(it.key()))
            unknown << it.key();
    }
    if (unknown.isEmpty())
        return {};
    unknown.sort();
    return fail(ErrorKind::NotFound,
                QStringLiteral("%1 %2 %3 in neither row")
                    .arg(what, unknown.join(QStringLiteral(", ")),
                         unknown.size() == 1 ? QStringLiteral("is") : QStringLiteral("are")));
}

Result<void> checkPairing(const QHash<QString, QString> &pairing, const Parts &source, const Parts &target)
{
    for (auto it = pairing.cbegin(); it != pairing.cend(); ++it) {
        if (!source.count(it.key()))
            return fail(ErrorKind::NotFound,
                        QStringLiteral("the pairing names object %1, which the source row does not have")
                            .arg(it.key()));
        if (!target.count(it.value()))
            return fail(ErrorKind::NotFound,
                        QStringLiteral("the pairing names object %1, which the target row does not have")
                            .arg(it.value()));
    }
    return {};
}

struct RowParts
{
    Parts objects, classifications;
};

Result<RowParts> partsOf(const LabelRowDocument *row, const DataType &type)
{
    RowParts parts;
    if (!row)
        return parts;
    auto objects = LabelRowParts::read(row->json(), type, PartKind::Object);
    if (!objects)
        return objects.takeError();
    auto classifications = LabelRowParts::read(row->json(), type, PartKind::Classification);
    if (!classifications)
        return classifications.takeError();
    parts.objects = std::move(objects).value();
    parts.classifications = std::move(classifications).value();
    return parts;
}

// Merges the slots of one kind into `result`.
Result<void> mergeKind(PartKind kind, const QList<Slot> &slots, const Parts &target, bool hasBase,
                       const QHash<QString, MergeChoice> &choices, MergeChoice fallback,
                       ObjectMergeResult &result)
{
    const bool classification = kind == PartKind::Classification;
    for (const Slot &slot : slots) {
        Result<MergeEntry> entry = decide(slot, classification, hasBase, choices, fallback);
        if (!entry)
            return entry.takeError();
        if (entry->outcome == MergeOutcome::Same && !entry->chosen)
            continue;
        if (entry->changesTarget) {
            result.changesTarget = true;
            if (!slot.source) {
                LabelRowParts::remove(result.merged, kind, slot.hash);
            } else {
                if (slot.targetHash.isEmpty() && target.count(slot.hash))
                    return fail(QStringLiteral("object %1 of the source cannot be added: the target has "
                                               "another object with that hash")
                                    .arg(slot.hash));
                if (Result<void> put = LabelRowParts::put(result.merged, kind, slot.hash, *slot.source); !put)
                    return put;
            }
        }
        result.entries.append(entry.value());
    }
    return {};
}

QString sideText(SideChange change)
{
    switch (change) {
    case SideChange::Added:
        return QStringLiteral("added");
    case SideChange::Removed:
        return QStringLiteral("removed");
    case SideChange::Edited:
        return QStringLiteral("edited");
    case SideChange::None:
        break;
    }
    return QStringLiteral("unchanged");
}

} // namespace

QString mergeChoiceName(MergeChoice choice)
{
    switch (choice) {
    case MergeChoice::TakeSource:
        return QStringLiteral("take-source");
    case MergeChoice::KeepTarget:
        return QStringLiteral("keep-target");
    case MergeChoice::ThreeWay:
        break;
    }
    return QStringLiteral("three-way");
}

QString mergeOutcomeName(MergeOutcome outcome)
{
    switch (outcome) {
    case MergeOutcome::TookSource:
        return QStringLiteral("took-source");
    case MergeOutcome::KeptTarget:
        return QStringLiteral("kept-target");
    case MergeOutcome::Conflict:
        return QStringLiteral("conflict");
    case MergeOutcome::Same:
        break;
    }
    return QStringLiteral("same");
}

QString sideChangeName(SideChange change)
{
    return change == SideChange::None ? QStringLiteral("none") : sideText(change);
}

QString MergeEntry::describe() const
{
    const QString what = changeText();
    switch (outcome) {
    case MergeOutcome::TookSource:
        return what + QStringLiteral(": takes the source's");
    case MergeOutcome::KeptTarget:
        return what + QStringLiteral(": keeps the target's");
    case MergeOutcome::Conflict:
        return what + QStringLiteral(": conflict");
    case MergeOutcome::Same:
        break;
    }
    return what;
}

QString MergeEntry::changeText() const
{
    QString what;
    if (!hasBase) {
        what = sourceChange == SideChange::Added   ? QStringLiteral("only on the source")
               : targetChange == SideChange::Added ? QStringLiteral("only on the target")
               : sourceChange == SideChange::None  ? QStringLiteral("the same on both sides")
                                                   : QStringLiteral("different on each side");
    } else if (sourceChange != SideChange::None && targetChange != SideChange::None) {
        what = sourceChange == targetChange ? QStringLiteral("%1 on both sides").arg(sideText(sourceChange))
                                            : QStringLiteral("%1 on the source, %2 on the target")
                                                  .arg(sideText(sourceChange), sideText(targetChange));
    } else if (sourceChange != SideChange::None) {
        what = QStringLiteral("%1 on the source").arg(sideText(sourceChange));
    } else if (targetChange != SideChange::None) {
        what = QStringLiteral("%1 on the target").arg(sideText(targetChange));
    } else {
        what = QStringLiteral("unchanged since the copy");
    }
    return what;
}

QList<MergeEntry> ObjectMergeResult::conflicts() const
{
    QList<MergeEntry> found;
    for (const MergeEntry &entry : entries) {
        if (entry.outcome == MergeOutcome::Conflict)
            found.append(entry);
    }
    return found;
}

bool ObjectMergeResult::hasConflicts() const
{
    return std::any_of(entries.cbegin(), entries.cend(),
                       [](const MergeEntry &entry) { return entry.outcome == MergeOutcome::Conflict; });
}

Result<ObjectMergeResult> mergeObjects(const ObjectMergeInput &input)
{
    if (!input.source && !input.target)
        return fail(ErrorKind::NotFound, QStringLiteral("the data unit has a row on neither branch"));
    const DataType type = input.target ? input.target->dataType() : input.source->dataType();
    if (input.source && input.target && !(input.source->dataType() == type))
        return fail(QStringLiteral("the source row is a %1 and the target row a %2")
                        .arg(input.source->dataType().displayName(), type.displayName()));
    Result<RowParts> source = partsOf(input.source, type);
    Result<RowParts> target = partsOf(input.target, type);
    Result<RowParts> base = partsOf(input.base, type);
    for (const Result<RowParts> *parts : {&source, &target, &base}) {
        if (!parts->ok())
            return parts->takeError();
    }
    if (Result<void> paired = checkPairing(input.pairing, source->objects, target->objects); !paired)
        return paired.takeError();

    const QList<Slot> objects = slotsOf(source->objects, target->objects, base->objects, input.pairing);
    const QList<Slot> classifications =
        slotsOf(source->classifications, target->classifications, base->classifications, {});
    // A hash among the object choices that is a classification's applies to that classification.
    QHash<QString, MergeChoice> objectChoices = input.objects;
    QHash<QString, MergeChoice> classificationChoices = input.classifications;
    for (auto it = input.objects.cbegin(); it != input.objects.cend(); ++it) {
        if (!names(objects, it.key()) && names(classifications, it.key())) {
            objectChoices.remove(it.key());
            classificationChoices.insert(it.key(), it.value());
        }
    }
    if (input.skipMissing) {
        using Choice = QHash<QString, MergeChoice>::iterator;
        objectChoices.removeIf([&objects](Choice choice) { return !names(objects, choice.key()); });
        classificationChoices.removeIf(
            [&classifications](Choice choice) { return !names(classifications, choice.key()); });
    }
    if (Result<void> named = checkNamed(objectChoices, objects, QStringLiteral("object")); !named)
        return named.takeError();
    if (Result<void> named =
            checkNamed(classificationChoices, classifications, QStringLiteral("classification"));
        !named)
        return named.takeError();

    ObjectMergeResult result;
    result.merged = input.target ? input.target->json() : LabelRowParts::withoutParts(input.source->json());
    const bool hasBase = input.base != nullptr;
    if (Result<void> merged = mergeKind(PartKind::Object, objects, target->objects, hasBase, objectChoices,
                                        input.otherObjects, result);
        !merged)
        return merged.takeError();
    if (Result<void> merged = mergeKind(PartKind::Classification, classifications, target->classifications,
                                        hasBase, classificationChoices, input.otherClassifications, result);
        !merged)
        return merged.takeError();
    return result;
}

} // namespace lb
