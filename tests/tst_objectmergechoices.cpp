// The compare workspace's per-object merge choices: kept per data unit for one pair of branches, taken back,
// forgotten with the pair, and turned into a merge request that keeps every unchosen object as on the target.

#include "items/objectmergechoices.h"

#include <QtTest>

using namespace lb;

class TestObjectMergeChoices : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void choicesBecomeARequest()
    {
        ObjectMergeChoices choices;
        choices.setPair(QStringLiteral("pre"), QStringLiteral("main"));
        QVERIFY(choices.isEmpty());
        choices.choose(QStringLiteral("u2"), QStringLiteral("a"), MergeChoice::TakeSource);
        choices.choose(QStringLiteral("u1"), QStringLiteral("b"), MergeChoice::KeepTarget);
        choices.choose(QStringLiteral("u2"), QStringLiteral("c"), MergeChoice::ThreeWay);
        choices.choose(QStringLiteral("u2"), QStringLiteral("a"),
                       MergeChoice::KeepTarget);                                 // changes its mind
        choices.choose(QString(), QStringLiteral("x"), MergeChoice::TakeSource); // nothing to name
        QCOMPARE(choices.objectCount(), 3);
        QCOMPARE(choices.unitCount(), 2);
        QCOMPARE(choices.choiceOf(QStringLiteral("u2"), QStringLiteral("a")), MergeChoice::KeepTarget);
        QVERIFY(!choices.choiceOf(QStringLiteral("u1"), QStringLiteral("a")));

        const MergeRequest request = choices.request();
        QCOMPARE(request.sourceBranch, QStringLiteral("pre"));
        QCOMPARE(request.targetBranch, QStringLiteral("main"));
        QCOMPARE(request.otherObjects, MergeChoice::KeepTarget);
        QCOMPARE(request.units.size(), 2);
        QCOMPARE(request.units.at(0).dataHash, QStringLiteral("u2")); // in the order first chosen
        QCOMPARE(request.units.at(0).objects.size(), 2);
        QCOMPARE(request.units.at(0).objects.value(QStringLiteral("c")), MergeChoice::ThreeWay);
        QCOMPARE(request.units.at(1).dataHash, QStringLiteral("u1"));
        QVERIFY(!request.units.at(0).pairing); // the merge pairs objects by shape as the diff does
    }

    void forgettingAndANewPair()
    {
        ObjectMergeChoices choices;
        choices.setPair(QStringLiteral("pre"), QStringLiteral("main"));
        choices.choose(QStringLiteral("u1"), QStringLiteral("a"), MergeChoice::TakeSource);
        choices.choose(QStringLiteral("u2"), QStringLiteral("b"), MergeChoice::TakeSource);
        choices.forget(QStringLiteral("u1"), QStringLiteral("a"));
        QCOMPARE(choices.unitCount(), 1);
        QCOMPARE(choices.request().units.size(), 1);
        choices.setPair(QStringLiteral("pre"), QStringLiteral("main")); // the same pair keeps them
        QCOMPARE(choices.objectCount(), 1);
        choices.setPair(QStringLiteral("main"), QStringLiteral("pre"));
        QVERIFY(choices.isEmpty());
        choices.choose(QStringLiteral("u3"), QStringLiteral("c"), MergeChoice::TakeSource);
        choices.forgetUnits({QStringLiteral("u3")});
        QVERIFY(choices.isEmpty());
        QVERIFY(choices.request().units.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestObjectMergeChoices)
#include "tst_objectmergechoices.moc"
