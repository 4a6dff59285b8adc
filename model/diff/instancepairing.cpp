#include "diff/instancepairing.h"

#include <algorithm>
#include <QMap>
#include <QSet>
#include <vector>

namespace lb {

namespace {

using FrameObjects = QMap<int, QList<ObjectAnnotation>>;

// The objects of each frame whose instance has no object of the same hash on the other side.
FrameObjects unsharedByFrame(const QList<ObjectAnnotation> &objects, const QSet<QString> &otherHashes)
{
    FrameObjects frames;
    for (const ObjectAnnotation &object : objects) {
        if (!object.objectHash.isEmpty() && !otherHashes.contains(object.objectHash))
            frames[object.frame].append(object);
    }
    return frames;
}

QSet<QString> hashesOf(const QList<ObjectAnnotation> &objects)
{
    QSet<QString> hashes;
    for (const ObjectAnnotation &object : objects)
        hashes.insert(object.objectHash);
    return hashes;
}

struct Vote
{
    QString source, target;
    int frames = 0;
    int sameClassFrames = 0;
    double scoreSum = 0;
};

using VoteKey = std::pair<QString, QString>;

void voteFrame(const QList<ObjectAnnotation> &source, const QList<ObjectAnnotation> &target,
               const MatchOptions &options, QMap<VoteKey, Vote> &votes)
{
    const ObjectMatching matching = matchObjects(source, target, options);
    for (const ObjectMatch &pair : matching.pairs) {
        const ObjectAnnotation &a = source.at(pair.source);
        const ObjectAnnotation &b = target.at(pair.target);
        Vote &vote = votes[{a.objectHash, b.objectHash}];
        vote.source = a.objectHash;
        vote.target = b.objectHash;
        ++vote.frames;
        if (pair.method == MatchMethod::Geometry)
            ++vote.sameClassFrames;
        vote.scoreSum += pair.score.value_or(0.0);
    }
}

} // namespace

QHash<QString, InstancePair> pairInstancesByGeometry(const QList<ObjectAnnotation> &source,
                                                     const QList<ObjectAnnotation> &target,
                                                     const MatchOptions &options)
{
    const FrameObjects sourceFrames = unsharedByFrame(source, hashesOf(target));
    const FrameObjects targetFrames = unsharedByFrame(target, hashesOf(source));
    QMap<VoteKey, Vote> votes;
    for (auto it = sourceFrames.cbegin(); it != sourceFrames.cend(); ++it) {
        const auto other = targetFrames.constFind(it.key());
        if (other != targetFrames.cend())
            voteFrame(it.value(), other.value(), options, votes);
    }

    std::vector<Vote> ranked(votes.cbegin(), votes.cend()); // QMap order: by hash, for equal votes
    std::stable_sort(ranked.begin(), ranked.end(), [](const Vote &a, const Vote &b) {
        if (a.frames != b.frames)
            return a.frames > b.frames;
        return a.scoreSum / a.frames > b.scoreSum / b.frames;
    });
    QHash<QString, InstancePair> pairs;
    QSet<QString> targetsTaken;
    for (const Vote &vote : ranked) {
        if (pairs.contains(vote.source) || targetsTaken.contains(vote.target))
            continue;
        targetsTaken.insert(vote.target);
        const MatchMethod method =
            vote.sameClassFrames * 2 >= vote.frames ? MatchMethod::Geometry : MatchMethod::ClassAgnostic;
        pairs.insert(vote.source, {vote.target, method, vote.frames, vote.scoreSum / vote.frames});
    }
    return pairs;
}

} // namespace lb
