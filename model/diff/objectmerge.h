#pragma once

#include "domain/labelrowdocument.h"
#include "domain/result.h"

#include <nlohmann/json.hpp>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace lb {

// How one object (or classification) of a data unit is merged onto the target (docs/product.md §3.7).
enum class MergeChoice
{
    TakeSource, // the source's object, or none when the source has none
    KeepTarget, // as on the target
    ThreeWay    // against the content the target row was copied from: the side that changed wins
};
QString mergeChoiceName(MergeChoice choice); // "take-source", "keep-target", "three-way"

// What the merge did with one object, or why it could not.
enum class MergeOutcome
{
    Same,       // alike on both sides: nothing to merge
    TookSource, // the merged row has the source's
    KeptTarget, // the merged row has the target's
    Conflict    // changed on both sides since the copy, differently, and no choice given
};
QString mergeOutcomeName(MergeOutcome outcome); // "same", "took-source", "kept-target", "conflict"

// How one side differs from the copy-time content (or, without it, from the other side).
enum class SideChange
{
    None,
    Added,
    Removed,
    Edited
};
QString sideChangeName(SideChange change); // "none", "added", "removed", "edited"

// One object or classification that differs between the rows, or that a choice names.
struct MergeEntry
{
    bool classification = false;
    QString hash;       // the target's hash; the source's when only the source has it
    QString sourceHash; // the source's hash (another one when paired by shape); empty when it has none
    bool hasBase = false;
    SideChange sourceChange = SideChange::None; // against the base, or the target when there is none
    SideChange targetChange = SideChange::None; // against the base, or the source when there is none
    MergeChoice choice = MergeChoice::ThreeWay; // the given one, or the default that applied
    bool chosen = false;                        // given for this object rather than the default
    MergeOutcome outcome = MergeOutcome::Same;
    bool changesTarget = false; // the merged row differs from the target in this object

    // "edited on the source", "edited on both sides", "only on the target" (without a base), ...
    QString changeText() const;
    QString
    describe() const; // the change and what the merge does: "edited on the source: takes the source's"
};

// The rows and choices of one data unit's merge.
struct ObjectMergeInput
{
    const LabelRowDocument *base = nullptr;   // the content the target row was copied from; null: none known
    const LabelRowDocument *source = nullptr; // null: no row on the source
    const LabelRowDocument *target = nullptr; // null: no row on the target
    // Objects that carry a different hash on each side but are one object (matched by shape, see
    // diff/objectmatcher.h): source hash -> target hash. The merged object keeps the target's hash, so its
    // attributes in object_answers and the row's history stay tied to it.
    QHash<QString, QString> pairing;
    // By either hash of an object. A classification's hash here applies to that classification.
    QHash<QString, MergeChoice> objects;
    QHash<QString, MergeChoice> classifications;
    // Objects without a choice: ThreeWay resolves them when a base is known and keeps the target's without.
    MergeChoice otherObjects = MergeChoice::ThreeWay;
    // Classifications without a choice stay as on the target.
    MergeChoice otherClassifications = MergeChoice::KeepTarget;
    // Choices that name an object neither row has are left out instead of refused: a review's approved
    // removal, once applied, names an object that is gone.
    bool skipMissing = false;
};

// The merged row of one data unit and what became of each object.
struct ObjectMergeResult
{
    nlohmann::json merged;     // the target's row with the merged objects; conflicts left as on the target
    QList<MergeEntry> entries; // objects, then classifications, each by hash
    bool changesTarget = false;

    QList<MergeEntry> conflicts() const;
    bool hasConflicts() const;
};

// Pure: merges the objects of one data unit's source row onto its target row. Objects are compared as a
// whole (every frame's entry and its answers, timestamps aside); an object nobody chose to change stays
// byte for byte as the target has it. Fails, naming it, when a choice or a pairing names an object neither
// row has, when ThreeWay is chosen for an object without a base, or when neither row is given.
Result<ObjectMergeResult> mergeObjects(const ObjectMergeInput &input);

} // namespace lb
