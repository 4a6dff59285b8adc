#pragma once

#include "domain/copyrequest.h"
#include "domain/result.h"

#include <QHash>
#include <QString>

namespace lb {

class Store;

// What writing a plan would change in the objects of each data unit, per class: "+2 Car, −1 Pedestrian,
// ~1 Truck" (added, removed, edited on the target). Both rows of a unit are read in bundles and compared
// object by object (diff/objectdiff.h); units beyond `limit` are left out, since a person reads the list.
class ObjectChanges
{
public:
    static constexpr int kDefaultLimit = 2000;

    // Keyed by data hash; a unit whose objects do not change says so ("objects unchanged").
    static Result<QHash<QString, QString>> describe(Store &store, const CopyPlan &plan,
                                                    int limit = kDefaultLimit);
};

} // namespace lb
