#include "demo/demogenerator.h"
#include "engine/engine.h"
#include "engine/reviewengine.h"
#include "items/reviewlistmodel.h"
#include "store/sqlite/sqlitestore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace lb;

namespace {

constexpr auto kTesterMode = QAbstractItemModelTester::FailureReportingMode::QtTest;

const QString kSource = QStringLiteral("pre-labels-v1");
const QString kTarget = QStringLiteral("main");

ReviewItem item(const QString &hash, const QString &title, DiffStatus status, int delta,
                ThreeWayStatus threeWay)
{
    ReviewItem it;
    it.diff.dataHash = hash;
    it.diff.dataTitle = title;
    it.diff.status = status;
    it.diff.sourceCount = 5;
    it.diff.targetCount = 5 + delta;
    it.diff.delta = delta;
    it.diff.sourceLabelHash = QStringLiteral("label-") + hash;
    it.diff.targetLabelHash = QStringLiteral("target-") + hash;
    it.diff.sourceContentHash = QStringLiteral("content-") + hash;
    it.threeWay = threeWay;
    return it;
}

ReviewDecision decision(const QString &hash, ReviewVerdict verdict, const QString &sourceContentHash,
                        const QString &comment = QString())
{
    ReviewDecision d;
    d.sourceBranch = kSource;
    d.targetBranch = kTarget;
    d.dataHash = hash;
    d.verdict = verdict;
    d.comment = comment;
    d.reviewer = QStringLiteral("alice@example.com");
    d.decidedAt = QDateTime(QDate(2026, 11, 30), QTime(12, 0), Qt::UTC);
    d.sourceContentHash = sourceContentHash;
    return d;
}

// Five differing units, conflict first as the engine orders them: one approved, one rejected, one stale
// (approved before the source changed), two undecided.
ReviewListing handWrittenListing()
{
    ReviewListing listing;
    listing.sourceBranch = kSource;
    listing.targetBranch = kTarget;
    listing.items = {
        item(QStringLiteral("h-conflict"), QStringLiteral("c.jpg"), DiffStatus::CountDiffers, -2,
             ThreeWayStatus::Conflict),
        item(QStringLiteral("h-approved"), QStringLiteral("a.jpg"), DiffStatus::ChangedSameCount, 0,
             ThreeWayStatus::NotCopied),
        item(QStringLiteral("h-rejected"), QStringLiteral("r.jpg"), DiffStatus::OnlyInSource, -5,
             ThreeWayStatus::NotCopied),
        item(QStringLiteral("h-stale"), QStringLiteral("s.jpg"), DiffStatus::CountDiffers, 3,
             ThreeWayStatus::SourceChanged),
        item(QStringLiteral("h-open"), QStringLiteral("o.jpg"), DiffStatus::OnlyInTarget, 4,
             ThreeWayStatus::NotCopied),
    };
    auto decide = [&](int row, ReviewVerdict verdict, bool stale, const QString &comment) {
        ReviewItem &it = listing.items[row];
        it.hasDecision = true;
        it.decision = decision(it.diff.dataHash, verdict,
                               stale ? QStringLiteral("older-content") : it.diff.sourceContentHash, comment);
        it.stale = stale;
    };
    decide(1, ReviewVerdict::Approved, false, QStringLiteral("boxes are tighter"));
    decide(2, ReviewVerdict::Rejected, false, QString());
    decide(3, ReviewVerdict::Approved, true, QString());
    return listing;
}

} // namespace

class TestReviewListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void passesTheModelTester()
    {
        ReviewListModel model;
        QAbstractItemModelTester tester(&model, kTesterMode);
        QCOMPARE(model.rowCount(), 0);
        model.setListing(handWrittenListing());
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.columnCount(), int(ReviewListModel::ColumnCount));
        model.applyDecisions(
            {decision(QStringLiteral("h-open"), ReviewVerdict::Rejected, QStringLiteral("content-h-open"))});
        model.forgetDecisions({QStringLiteral("h-open"), QStringLiteral("h-approved")});
        model.clear();
        QCOMPARE(model.rowCount(), 0);

        // Sorted and filtered by the model itself, as the Review tab shows it.
        ReviewListModel sorted;
        QAbstractItemModelTester sortedTester(&sorted, kTesterMode);
        sorted.setListing(handWrittenListing());
        sorted.sort(ReviewListModel::DeltaColumn, Qt::AscendingOrder);
        QCOMPARE(sorted.index(0, 0).data(ReviewListModel::DeltaRole).toInt(), -5);
        sorted.setOnlyUndecided(true);
        QCOMPARE(sorted.rowCount(), 3);
        sorted.applyDecisions(
            {decision(QStringLiteral("h-open"), ReviewVerdict::Approved, QStringLiteral("content-h-open"))});
        QCOMPARE(sorted.rowCount(), 2); // a decided row leaves at once
        QCOMPARE(sorted.rowOfDataHash(QStringLiteral("h-open")), -1);
    }

    void showsTheListingInItsOrder()
    {
        ReviewListModel model;
        const ReviewListing listing = handWrittenListing();
        model.setListing(listing);
        QCOMPARE(model.sourceBranch(), kSource);
        QCOMPARE(model.targetBranch(), kTarget);
        for (int row = 0; row < listing.items.size(); ++row) {
            const ReviewItem &expected = listing.items.at(row);
            QCOMPARE(model.index(row, 0).data(ReviewListModel::DataHashRole).toString(),
                     expected.diff.dataHash);
            QCOMPARE(model.index(row, ReviewListModel::TitleColumn).data().toString(),
                     expected.diff.dataTitle);
            QCOMPARE(model.index(row, ReviewListModel::DiffStatusColumn).data().toString(),
                     diffStatusDisplay(expected.diff.status));
            QCOMPARE(model.index(row, 0).data(ReviewListModel::DeltaRole).toInt(), expected.diff.delta);
            QCOMPARE(model.index(row, 0).data(ReviewListModel::ThreeWayRole).toInt(), int(expected.threeWay));
            QCOMPARE(model.index(row, 0).data(ReviewListModel::IsDecidedRole).toBool(), expected.isDecided());
            QCOMPARE(model.index(row, 0).data(ReviewListModel::IsStaleRole).toBool(), expected.stale);
            QCOMPARE(model.rowOfDataHash(expected.diff.dataHash), row);
            QCOMPARE(model.itemAt(row)->diff.dataHash, expected.diff.dataHash);
        }
        QCOMPARE(model.rowOfDataHash(QStringLiteral("not-there")), -1);
        QVERIFY(!model.itemAt(model.rowCount()));
    }

    void decisionsShowApprovedRejectedStaleAndUndecided()
    {
        ReviewListModel model;
        model.setListing(handWrittenListing());
        auto state = [&](const char *hash) {
            return ReviewListModel::DecisionState(
                model.index(model.rowOfDataHash(QString::fromLatin1(hash)), 0)
                    .data(ReviewListModel::DecisionStateRole)
                    .toInt());
        };
        auto text = [&](const char *hash) {
            return model
                .index(model.rowOfDataHash(QString::fromLatin1(hash)), ReviewListModel::DecisionColumn)
                .data()
                .toString();
        };
        QCOMPARE(state("h-conflict"), ReviewListModel::DecisionState::Undecided);
        QCOMPARE(state("h-approved"), ReviewListModel::DecisionState::Approved);
        QCOMPARE(state("h-rejected"), ReviewListModel::DecisionState::Rejected);
        QCOMPARE(state("h-stale"), ReviewListModel::DecisionState::StaleApproved);
        QVERIFY(text("h-approved").contains(QStringLiteral("Approved")));
        QVERIFY(text("h-rejected").contains(QStringLiteral("Rejected")));
        QVERIFY(text("h-stale").contains(QStringLiteral("Stale")));
        QVERIFY(text("h-conflict").contains(QStringLiteral("Undecided")));

        const int approved = model.rowOfDataHash(QStringLiteral("h-approved"));
        QCOMPARE(model.index(approved, ReviewListModel::CommentColumn).data().toString(),
                 QStringLiteral("boxes are tighter"));
        QCOMPARE(model.index(approved, ReviewListModel::ReviewerColumn).data().toString(),
                 QStringLiteral("alice@example.com"));
        // The conflict says so in its since-copy cell.
        const int conflict = model.rowOfDataHash(QStringLiteral("h-conflict"));
        QVERIFY(model.index(conflict, ReviewListModel::ThreeWayColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("Conflict")));
        QVERIFY(
            model.index(conflict, ReviewListModel::ThreeWayColumn).data(ReviewListModel::SortRole).toInt() <
            model.index(approved, ReviewListModel::ThreeWayColumn).data(ReviewListModel::SortRole).toInt());
        // Undecided and stale sort before decided rows in the decision column.
        QVERIFY(model.index(conflict, 0).data(ReviewListModel::SortRole).toInt() <
                model.index(approved, 0).data(ReviewListModel::SortRole).toInt());
    }

    void progressCountsAndText()
    {
        ReviewListModel model;
        model.setListing(handWrittenListing());
        const ReviewProgress &progress = model.progress();
        QCOMPARE(progress.total, 5);
        QCOMPARE(progress.decided, 2); // the stale decision does not count
        QCOMPARE(progress.approved, 1);
        QCOMPARE(progress.rejected, 1);
        QCOMPARE(progress.stale, 1);
        QCOMPARE(progress.conflicts, 1);
        const QString text = ReviewListModel::progressText(progress);
        QVERIFY2(text.startsWith(QStringLiteral("2 of 5 decided")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("1 approved")));
        QVERIFY(text.contains(QStringLiteral("1 rejected")));
        QVERIFY(text.contains(QStringLiteral("1 stale")));
    }

    void applyingDecisionsUpdatesRowsAndProgress()
    {
        ReviewListModel model;
        model.setListing(handWrittenListing());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy progress(&model, &ReviewListModel::progressChanged);

        // Deciding the stale unit again with its current content makes it count; another compare is ignored.
        ReviewDecision other =
            decision(QStringLiteral("h-open"), ReviewVerdict::Approved, QStringLiteral("content-h-open"));
        other.targetBranch = QStringLiteral("elsewhere");
        const int updated = model.applyDecisions(
            {decision(QStringLiteral("h-stale"), ReviewVerdict::Rejected, QStringLiteral("content-h-stale"),
                      QStringLiteral("moved too far")),
             decision(QStringLiteral("h-conflict"), ReviewVerdict::Approved,
                      QStringLiteral("content-h-conflict")),
             other});
        QCOMPARE(updated, 2);
        QCOMPARE(changed.count(), 2);
        QCOMPARE(progress.count(), 1);
        QCOMPARE(model.progress().decided, 4);
        QCOMPARE(model.progress().approved, 2);
        QCOMPARE(model.progress().rejected, 2);
        QCOMPARE(model.progress().stale, 0);
        const int stale = model.rowOfDataHash(QStringLiteral("h-stale"));
        QCOMPARE(model.index(stale, 0).data(ReviewListModel::IsStaleRole).toBool(), false);
        QCOMPARE(model.index(stale, ReviewListModel::CommentColumn).data().toString(),
                 QStringLiteral("moved too far"));
        QCOMPARE(model.index(model.rowOfDataHash(QStringLiteral("h-open")), 0)
                     .data(ReviewListModel::IsDecidedRole)
                     .toBool(),
                 false);

        // A decision made on an older source row than the listing shows is stale at once.
        model.applyDecisions(
            {decision(QStringLiteral("h-open"), ReviewVerdict::Approved, QStringLiteral("old"))});
        QCOMPARE(model.progress().stale, 1);
        QCOMPARE(model.progress().decided, 4);

        QCOMPARE(model.forgetDecisions(
                     {QStringLiteral("h-open"), QStringLiteral("h-approved"), QStringLiteral("nope")}),
                 2);
        QCOMPARE(model.progress().decided, 3);
        QCOMPARE(model.progress().stale, 0);
        QCOMPARE(
            model.index(model.rowOfDataHash(QStringLiteral("h-approved")), ReviewListModel::CommentColumn)
                .data()
                .toString(),
            QString());
    }

    void nextAndPreviousUndecided()
    {
        ReviewListModel model;
        model.setListing(handWrittenListing());
        // Undecided: rows 0 (conflict), 3 (stale counts as undecided) and 4.
        QCOMPARE(ReviewListModel::findUndecidedRow(model, -1, ReviewListModel::Direction::Next), 0);
        QCOMPARE(ReviewListModel::findUndecidedRow(model, 0, ReviewListModel::Direction::Next), 3);
        QCOMPARE(ReviewListModel::findUndecidedRow(model, 3, ReviewListModel::Direction::Next), 4);
        QCOMPARE(ReviewListModel::findUndecidedRow(model, 4, ReviewListModel::Direction::Next), 0); // wraps
        QCOMPARE(ReviewListModel::findUndecidedRow(model, 4, ReviewListModel::Direction::Next, false), -1);
        QCOMPARE(ReviewListModel::findUndecidedRow(model, 3, ReviewListModel::Direction::Previous), 0);
        QCOMPARE(ReviewListModel::findUndecidedRow(model, 0, ReviewListModel::Direction::Previous), 4);
        QCOMPARE(ReviewListModel::findUndecidedRow(model, -1, ReviewListModel::Direction::Previous), 4);

        QList<ReviewDecision> all;
        for (const ReviewItem &it : handWrittenListing().items)
            all.append(decision(it.diff.dataHash, ReviewVerdict::Approved, it.diff.sourceContentHash));
        model.applyDecisions(all);
        QCOMPARE(model.progress().decided, model.progress().total);
        QCOMPARE(ReviewListModel::findUndecidedRow(model, 0, ReviewListModel::Direction::Next), -1);
        QCOMPARE(ReviewListModel::findUndecidedRow(ReviewListModel(), -1, ReviewListModel::Direction::Next),
                 -1);
    }

    void readsThePagesItShowsFromTheProjectFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo.lbproj"));
        QVERIFY(DemoGenerator(1500).writeProject(path).ok());
        auto opened = SqliteStore::open(path);
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        std::unique_ptr<SqliteStore> store = std::move(opened).value();
        Engine engine(*store, QStringLiteral("tester"));
        ReviewEngine review(engine);
        const QString source = DemoGenerator::preLabelsBranch(), target = QStringLiteral("main");
        Result<ReviewListing> listing = review.list(source, target);
        QVERIFY2(listing, qPrintable(listing.error()));
        QVERIFY(listing->items.size() > 2 * ReviewListModel::kPageSize); // several pages
        const QString early = listing->items.at(1).diff.dataHash;
        const QString late = listing->items.constLast().diff.dataHash;
        QVERIFY(review.decide(source, target, early, ReviewVerdict::Approved, QStringLiteral("fine")));
        QVERIFY(review.decide(source, target, late, ReviewVerdict::Rejected));
        listing = review.list(source, target);

        ReviewListModel model;
        QAbstractItemModelTester tester(&model, kTesterMode);
        model.setStore(store.get());
        Result<ReviewRowSet> rows = review.rows(source, target);
        QVERIFY2(rows, qPrintable(rows.error()));
        model.setRows(std::move(rows).value());
        QCOMPARE(model.rowCount(), int(listing->items.size()));
        QCOMPARE(model.progress().decided, 2);
        for (int row = 0; row < model.rowCount(); ++row) {
            const ReviewItem &expected = listing->items.at(row);
            QCOMPARE(model.index(row, 0).data(ReviewListModel::DataHashRole).toString(),
                     expected.diff.dataHash);
            QCOMPARE(model.index(row, ReviewListModel::TitleColumn).data().toString(),
                     expected.diff.dataTitle);
            QCOMPARE(model.index(row, 0).data(ReviewListModel::DeltaRole).toInt(), expected.diff.delta);
            QCOMPARE(model.index(row, 0).data(ReviewListModel::IsDecidedRole).toBool(), expected.isDecided());
            QCOMPARE(model.index(row, ReviewListModel::CommentColumn).data().toString(),
                     expected.hasDecision ? expected.decision.comment : QString());
        }
        QCOMPARE(model.rowOfDataHash(late), model.rowCount() - 1);

        // Decisions sort in memory: undecided first, the approval last.
        model.sort(ReviewListModel::DecisionColumn, Qt::AscendingOrder);
        QCOMPARE(model.index(model.rowCount() - 1, 0).data(ReviewListModel::DataHashRole).toString(), early);
        QVERIFY(!model.index(0, 0).data(ReviewListModel::IsDecidedRole).toBool());

        // The comparison's columns are sorted by reading the rows in that order.
        QSignalSpy requested(&model, &ReviewListModel::rowsRequested);
        model.sort(ReviewListModel::TitleColumn, Qt::DescendingOrder);
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.at(0).at(0).value<DiffQuery::Order>(), DiffQuery::Order::Title);
        QCOMPARE(requested.at(0).at(1).toBool(), true);
        rows = review.rows(source, target, DiffQuery::Order::Title, true);
        QVERIFY2(rows, qPrintable(rows.error()));
        model.setRows(std::move(rows).value());
        QCOMPARE(model.sortColumn(), int(ReviewListModel::TitleColumn));
        for (int row = 1; row < model.rowCount(); ++row)
            QVERIFY(model.index(row - 1, ReviewListModel::TitleColumn).data().toString() >=
                    model.index(row, ReviewListModel::TitleColumn).data().toString());

        // A decision made elsewhere lands on its row, wherever its page is.
        const int row = model.rowCount() / 2;
        const ReviewItem *middle = model.itemAt(row);
        QVERIFY(middle && !middle->hasDecision);
        const Result<ReviewDecision> decided =
            review.decide(source, target, middle->diff.dataHash, ReviewVerdict::Approved);
        QVERIFY(decided);
        model.index(0, 0).data(); // another page in front
        QCOMPARE(model.applyDecisions({decided.value()}), 1);
        QCOMPARE(model.progress().decided, 3);
        QCOMPARE(model.index(row, 0).data(ReviewListModel::IsDecidedRole).toBool(), true);
    }

    void headersAndRoleNames()
    {
        ReviewListModel model;
        model.setListing(handWrittenListing());
        QStringList headers;
        for (int column = 0; column < model.columnCount(); ++column)
            headers.append(model.headerData(column, Qt::Horizontal).toString());
        QCOMPARE(headers.size(), int(ReviewListModel::ColumnCount));
        for (const QString &header : std::as_const(headers))
            QVERIFY(!header.isEmpty());
        QVERIFY(model.headerData(ReviewListModel::DeltaColumn, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .contains(kTarget));
        const QHash<int, QByteArray> names = model.roleNames();
        QCOMPARE(names.value(ReviewListModel::DataHashRole), QByteArray("dataHash"));
        QCOMPARE(names.value(ReviewListModel::DecisionStateRole), QByteArray("decisionState"));
        QCOMPARE(names.value(ReviewListModel::ThreeWayRole), QByteArray("threeWay"));
    }
};

QTEST_GUILESS_MAIN(TestReviewListModel)
#include "tst_reviewlistmodel.moc"
