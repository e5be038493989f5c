//! General assemblies, proxies, motions and votes. A secret vote writes who took part
//! (`vote_participants`) and adds one to a counter per option (`vote_tallies`) in one
//! transaction: no ballot row exists, nothing carries a time or a member next to a choice,
//! and no audit-log row is written for a vote (it would carry both).

use super::users::audit;
use super::{Db, DbError, DbResult, Value};
use crate::domain::assembly::{Choice, Majority, ProxyRefusal, Tally, VoteRefusal, may_hold};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AssemblyRow {
    pub id: i64,
    pub title: String,
    pub starts_at: i64,
    pub place: String,
    pub agenda: String,
    pub minutes: String,
    pub convened_at: i64,
}

const ASSEMBLY: &str =
    "SELECT id, title, starts_at, place, agenda, minutes, convened_at FROM assemblies";

pub async fn assemblies(db: &Db) -> DbResult<Vec<AssemblyRow>> {
    db.fetch_all(
        &format!("{ASSEMBLY} ORDER BY starts_at DESC, id DESC LIMIT 100"),
        &[],
    )
    .await
}

pub async fn assembly(db: &Db, id: i64) -> DbResult<Option<AssemblyRow>> {
    db.fetch_optional(&format!("{ASSEMBLY} WHERE id = $1"), &[id.into()])
        .await
}

/// Convenes an assembly (the notice period is the caller's rule); returns its id.
pub async fn convene(
    db: &Db,
    title: &str,
    starts_at: i64,
    place: &str,
    agenda: &str,
    actor: Option<i64>,
    now: i64,
) -> DbResult<i64> {
    let mut tx = db.begin().await?;
    let (id,): (i64,) = tx
        .fetch_one(
            "INSERT INTO assemblies (title, starts_at, place, agenda, convened_by, convened_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            &[
                title.into(),
                starts_at.into(),
                place.into(),
                agenda.into(),
                Value::OptInt(actor),
                now.into(),
            ],
        )
        .await?;
    let details = serde_json::json!({ "title": title, "starts_at": starts_at }).to_string();
    audit(
        &mut tx,
        now,
        actor,
        "assembly.convened",
        ("assembly", id),
        &details,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn set_minutes(
    db: &Db,
    id: i64,
    minutes: &str,
    actor: Option<i64>,
    now: i64,
) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE assemblies SET minutes = $1 WHERE id = $2",
        &[minutes.into(), id.into()],
    )
    .await?;
    audit(
        &mut tx,
        now,
        actor,
        "assembly.minutes",
        ("assembly", id),
        "{}",
    )
    .await?;
    tx.commit().await
}

/// The members who may vote: full members in good standing.
pub async fn entitled(db: &Db) -> DbResult<i64> {
    let (n,): (i64,) = db
        .fetch_one(
            "SELECT COUNT(*) FROM association_members WHERE status = 'mitglied' AND category = 'ordentlich'",
            &[],
        )
        .await?;
    Ok(n)
}

async fn is_entitled(db: &Db, member: i64) -> DbResult<bool> {
    let (n,): (i64,) = db
        .fetch_one(
            "SELECT COUNT(*) FROM association_members WHERE id = $1 AND status = 'mitglied' AND category = 'ordentlich'",
            &[member.into()],
        )
        .await?;
    Ok(n > 0)
}

/// A proxy as listed on the assembly's page: (giver's id, giver, holder's id, holder).
pub async fn proxies(db: &Db, assembly: i64) -> DbResult<Vec<(i64, String, i64, String)>> {
    db.fetch_all(
        "SELECT p.giver_id, g.name, p.holder_id, h.name FROM assembly_proxies p \
         JOIN association_members g ON g.id = p.giver_id JOIN association_members h ON h.id = p.holder_id \
         WHERE p.assembly_id = $1 ORDER BY h.name, g.name",
        &[assembly.into()],
    )
    .await
}

#[derive(Debug, thiserror::Error)]
pub enum ProxyError {
    #[error(transparent)]
    Refused(#[from] ProxyRefusal),
    #[error(transparent)]
    Db(#[from] DbError),
}

/// `giver` hands its vote in `assembly` to `holder` (replacing an earlier proxy).
pub async fn give_proxy(
    db: &Db,
    assembly: i64,
    giver: i64,
    holder: i64,
    max: i64,
    now: i64,
) -> Result<(), ProxyError> {
    if giver == holder {
        return Err(ProxyRefusal::ToSelf.into());
    }
    if !is_entitled(db, holder).await? {
        return Err(ProxyRefusal::HolderNotMember.into());
    }
    let (gave,): (i64,) = db
        .fetch_one(
            "SELECT COUNT(*) FROM assembly_proxies WHERE assembly_id = $1 AND giver_id = $2",
            &[assembly.into(), holder.into()],
        )
        .await?;
    if gave > 0 {
        return Err(ProxyRefusal::HolderGaveAway.into());
    }
    let mut tx = db.begin().await?;
    tx.execute(
        "DELETE FROM assembly_proxies WHERE assembly_id = $1 AND giver_id = $2",
        &[assembly.into(), giver.into()],
    )
    .await?;
    let (held,): (i64,) = tx
        .fetch_one(
            "SELECT COUNT(*) FROM assembly_proxies WHERE assembly_id = $1 AND holder_id = $2",
            &[assembly.into(), holder.into()],
        )
        .await?;
    if !may_hold(held, max) {
        return Err(ProxyRefusal::TooMany.into());
    }
    tx.execute(
        "INSERT INTO assembly_proxies (assembly_id, giver_id, holder_id) VALUES ($1, $2, $3)",
        &[assembly.into(), giver.into(), holder.into()],
    )
    .await?;
    let details = serde_json::json!({ "assembly": assembly, "holder": holder }).to_string();
    audit(
        &mut tx,
        now,
        None,
        "assembly.proxy",
        ("association_member", giver),
        &details,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MotionRow {
    pub id: i64,
    pub assembly_id: i64,
    pub title: String,
    pub body: String,
    pub secret: bool,
    pub quorum_percent: i64,
    #[sqlx(try_from = "String")]
    pub majority: Majority,
    pub opens_at: i64,
    pub closes_at: i64,
    pub closed_at: Option<i64>,
}

impl MotionRow {
    pub fn is_open(&self, now: i64) -> bool {
        self.closed_at.is_none() && self.opens_at <= now && now < self.closes_at
    }

    pub fn is_closed(&self, now: i64) -> bool {
        self.closed_at.is_some() || now >= self.closes_at
    }
}

const MOTION: &str = "SELECT id, assembly_id, title, body, secret, quorum_percent, majority, opens_at, closes_at, closed_at FROM motions";

pub async fn motions(db: &Db, assembly: i64) -> DbResult<Vec<MotionRow>> {
    db.fetch_all(
        &format!("{MOTION} WHERE assembly_id = $1 ORDER BY id"),
        &[assembly.into()],
    )
    .await
}

pub async fn motion(db: &Db, id: i64) -> DbResult<Option<MotionRow>> {
    db.fetch_optional(&format!("{MOTION} WHERE id = $1"), &[id.into()])
        .await
}

/// A motion to vote on, with its rules.
pub struct NewMotion<'a> {
    pub title: &'a str,
    pub body: &'a str,
    pub secret: bool,
    pub quorum_percent: i64,
    pub majority: Majority,
    pub opens_at: i64,
    pub closes_at: i64,
}

pub async fn add_motion(
    db: &Db,
    assembly: i64,
    m: &NewMotion<'_>,
    actor: Option<i64>,
    now: i64,
) -> DbResult<i64> {
    let mut tx = db.begin().await?;
    let (id,): (i64,) = tx
        .fetch_one(
            "INSERT INTO motions (assembly_id, title, body, secret, quorum_percent, majority, opens_at, closes_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            &[
                assembly.into(),
                m.title.into(),
                m.body.into(),
                m.secret.into(),
                m.quorum_percent.into(),
                m.majority.key().into(),
                m.opens_at.into(),
                m.closes_at.into(),
            ],
        )
        .await?;
    if m.secret {
        for c in Choice::ALL {
            tx.execute(
                "INSERT INTO vote_tallies (motion_id, choice, votes) VALUES ($1, $2, 0)",
                &[id.into(), c.key().into()],
            )
            .await?;
        }
    }
    let details = serde_json::json!({ "title": m.title, "secret": m.secret }).to_string();
    audit(
        &mut tx,
        now,
        actor,
        "motion.added",
        ("motion", id),
        &details,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

#[derive(Debug, thiserror::Error)]
pub enum VoteError {
    #[error(transparent)]
    Refused(#[from] VoteRefusal),
    #[error(transparent)]
    Db(#[from] DbError),
}

/// `voter` casts the vote of `member` (itself, or a member whose proxy it holds).
pub async fn cast(
    db: &Db,
    motion: &MotionRow,
    voter: i64,
    member: i64,
    choice: Choice,
    now: i64,
) -> Result<(), VoteError> {
    if !motion.is_open(now) {
        return Err(VoteRefusal::NotOpen.into());
    }
    if !is_entitled(db, member).await? {
        return Err(VoteRefusal::NotEntitled.into());
    }
    let proxy: Option<(i64,)> = db
        .fetch_optional(
            "SELECT holder_id FROM assembly_proxies WHERE assembly_id = $1 AND giver_id = $2",
            &[motion.assembly_id.into(), member.into()],
        )
        .await?;
    match (voter == member, proxy) {
        (true, Some(_)) => return Err(VoteRefusal::HandedOver.into()),
        (false, Some((holder,))) if holder == voter => {}
        (false, _) => return Err(VoteRefusal::NoProxy.into()),
        (true, None) => {}
    }
    let mut tx = db.begin().await?;
    let inserted = tx
        .execute(
            "INSERT INTO vote_participants (motion_id, member_id) VALUES ($1, $2)",
            &[motion.id.into(), member.into()],
        )
        .await;
    if inserted.is_err() {
        return Err(VoteRefusal::AlreadyCast.into());
    }
    if motion.secret {
        tx.execute(
            "UPDATE vote_tallies SET votes = votes + 1 WHERE motion_id = $1 AND choice = $2",
            &[motion.id.into(), choice.key().into()],
        )
        .await?;
    } else {
        tx.execute(
            "INSERT INTO open_ballots (motion_id, member_id, choice) VALUES ($1, $2, $3)",
            &[motion.id.into(), member.into(), choice.key().into()],
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Which of `members` already took part in `motion`.
pub async fn voted(db: &Db, motion: i64) -> DbResult<Vec<i64>> {
    let rows: Vec<(i64,)> = db
        .fetch_all(
            "SELECT member_id FROM vote_participants WHERE motion_id = $1",
            &[motion.into()],
        )
        .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// The counted votes (to be shown only when the vote is closed).
pub async fn tally(db: &Db, motion: &MotionRow) -> DbResult<Tally> {
    let rows: Vec<(String, i64)> = if motion.secret {
        db.fetch_all(
            "SELECT choice, votes FROM vote_tallies WHERE motion_id = $1",
            &[motion.id.into()],
        )
        .await?
    } else {
        db.fetch_all(
            "SELECT choice, COUNT(*) FROM open_ballots WHERE motion_id = $1 GROUP BY choice",
            &[motion.id.into()],
        )
        .await?
    };
    let mut t = Tally::default();
    for (choice, n) in rows {
        if let Some(c) = Choice::parse(&choice) {
            t.add(c, n);
        }
    }
    Ok(t)
}

/// Who voted how in an open vote: (member, choice).
pub async fn open_ballots(db: &Db, motion: i64) -> DbResult<Vec<(String, String)>> {
    db.fetch_all(
        "SELECT m.name, b.choice FROM open_ballots b JOIN association_members m ON m.id = b.member_id \
         WHERE b.motion_id = $1 ORDER BY m.name",
        &[motion.into()],
    )
    .await
}

/// Closes a vote early or at its end; returns false when it was closed already.
pub async fn close(db: &Db, motion: i64, actor: Option<i64>, now: i64) -> DbResult<bool> {
    let mut tx = db.begin().await?;
    let closed: Vec<(i64,)> = tx
        .fetch_all(
            "UPDATE motions SET closed_at = $1 WHERE id = $2 AND closed_at IS NULL RETURNING id",
            &[now.into(), motion.into()],
        )
        .await?;
    if closed.is_empty() {
        return Ok(false);
    }
    audit(
        &mut tx,
        now,
        actor,
        "motion.closed",
        ("motion", motion),
        "{}",
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}
