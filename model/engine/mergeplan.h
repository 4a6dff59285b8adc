#pragma once

#include "diff/objectmerge.h"

#include <optional>
#include <QHash>
#include <QList>
#include <QString>

namespace lb {

// What to merge in one data unit: choices per object and classification (diff/objectmerge.h).
struct UnitMergeRequest
{
    QString dataHash;
    QHash<QString, MergeChoice> objects; // by the object's hash on either side
    QHash<QString, MergeChoice> classifications;
    // Source hash -> target hash of objects that are one object with two hashes. When not given, the
    // engine pairs them by shape as the object diff does (diff/objectdiff.h).
    std::optional<QHash<QString, QString>> pairing;
};

// A per-object merge of named data units from one branch onto another (docs/product.md §3.7).
struct MergeRequest
{
    QString sourceBranch;
    QString targetBranch;
    QList<UnitMergeRequest> units; // each data unit once
    // Objects no choice names: ThreeWay where the target row was copied from the source (the side that
    // changed since the copy wins; both changed is a conflict), kept as on the target otherwise.
    // KeepTarget applies exactly the named objects ("Apply Approved").
    MergeChoice otherObjects = MergeChoice::ThreeWay;
    int batchSize = 50; // rows per atomic batch
    // Choices naming an object neither row has are left out (ObjectMergeInput::skipMissing).
    bool skipMissing = false;
};

// What the merge does to one data unit.
struct UnitMergePlan
{
    QString dataHash;
    QString dataTitle;
    bool sourcePresent = false;
    bool targetPresent = false;
    bool hasBase = false;      // the target row's copy-time content is known: three-way applies
    QList<MergeEntry> entries; // objects and classifications that differ or are named
    bool writes = false;       // the merged row differs from the target's

    int conflictCount() const;
};

// The dry run of a merge: every unit's plan, in the order of the request.
struct MergePlan
{
    QString sourceBranch;
    QString targetBranch;
    QList<UnitMergePlan> units;
    int toWrite = 0;   // data units whose row the merge writes
    int conflicts = 0; // objects left unresolved, over every unit

    bool hasConflicts() const { return conflicts > 0; }
    int objectsTaken() const; // objects and classifications whose merged version differs from the target's
    // "data unit 'x' (h): object A edited on both sides", the first `limit` of them.
    QStringList conflictLines(int limit = 10) const;
};

} // namespace lb
