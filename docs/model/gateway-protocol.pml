/*
 * The protocol gateway instances follow on one shared store, as a Promela model for spin
 * (docs/scaling.md puts each step beside the code that does it; `scripts/model-check.sh`
 * checks it, and `make faults` runs that script).
 *
 * Two instances poll the same partner. Each picked-up file is claimed under a lease,
 * acknowledged (the 997 built, its control number drawn and queued in the outbox, claimed for
 * the upload that follows, in the store transaction that records the step), uploaded from the
 * outbox, and marked done. Any
 * instance may crash between any two steps (losing everything but the store and the
 * partner's server) and start again; any lease may run out at any moment (a paused but live
 * owner included), after which another instance may take the work over. A store transaction
 * is atomic (d_step); uploading is not: the partner's server may receive a file whose
 * "sent" mark never got recorded.
 *
 * Checked (assertions, and at the end, when every instance has stopped):
 *   - no file is acknowledged twice (one outbox entry per file);
 *   - no interchange reaches the partner twice (one file on the server per entry, never a
 *     second name or a second control number for the same answer);
 *   - no control number is drawn twice;
 *   - the audit chain stays linear (every entry's sequence number used once);
 *   - no lost work: every file done, every answer on the server and marked sent.
 *
 * Variants that must fail (they show the checks bite): -DAUDIT_WITHOUT_LOCK lets two
 * transactions append to the audit chain from the same head; -DUPLOAD_WITHOUT_CLAIM lets an
 * instance upload an outbox entry without claiming it and builds the name from a fresh
 * control number, as a naive resend would.
 */

#define INSTANCES 2
#define FILES 2
#ifndef MAX_CRASHES
#define MAX_CRASHES 1      /* crashes in one run, of either instance, at any crash point */
#endif
#define NONE 255

/* The store. */
mtype = { received, processing, done };
mtype file_state[FILES] = received;
byte file_owner[FILES] = NONE;          /* instance holding the lease */
byte file_epoch[FILES];                 /* the owner's incarnation when it claimed */
bool file_lease_expired[FILES];
bool ack_step_done[FILES];              /* inbound_steps: the acknowledgment step */
byte outbox_entry[FILES] = NONE;        /* outbound_documents row of the file's 997 */
byte acks_queued[FILES];                /* how many answers were queued for the file */

byte entries = 0;                       /* outbox rows */
byte entry_number[FILES];               /* ISA13 stored with the row: name and bytes */
bool entry_sent[FILES];
byte entry_claimer[FILES] = NONE;
byte entry_epoch[FILES];
bool entry_claim_expired[FILES];

byte next_control = 1;                  /* the control-number counter */
bool number_used[16];

byte audit_head = 0;                    /* audit chain: sequence of the last entry */
bool audit_seq_used[64];
hidden byte n, fresh, i;                /* scratch, used inside one atomic step only */
byte expiries = 0;                      /* leases and claims run out at most MAX_EXPIRIES times */
#define MAX_EXPIRIES 1

/* The partner's server: which outbox rows arrived, and how many distinct names per file. */
bool on_server[FILES];
byte names_on_server[FILES];

/* Instances: incarnation numbers (a crash starts a new one) and the crash budget. */
byte epoch[INSTANCES];
byte crashes = 0;
byte stopped = 0;

/* Appends one audit entry. With the appender lock (SQLite's single writer; an advisory lock
 * on PostgreSQL) reading the head and writing the next entry happen inside the transaction
 * that changes the state, as one step. Without it, the head is read and the entry written in
 * two steps, and another transaction may append in between. */
#ifdef AUDIT_WITHOUT_LOCK
inline audit_append() { skip }
inline audit_after() {
    head = audit_head;
    assert(!audit_seq_used[head + 1]);
    audit_seq_used[head + 1] = true;
    audit_head = head + 1
}
#else
inline audit_append() {
    assert(!audit_seq_used[audit_head + 1]);
    audit_seq_used[audit_head + 1] = true;
    audit_head = audit_head + 1
}
inline audit_after() { skip }
#endif

inline draw_number(n) {
    n = next_control;
    assert(!number_used[n]);
    number_used[n] = true;
    next_control = next_control + 1
}

/* Whether this instance may still write for file f: it holds the lease, in this incarnation. */
#define OWNS(f) (file_state[f] == processing && file_owner[f] == me && file_epoch[f] == epoch[me])
/* A lease another worker may take over: run out, or its owner's incarnation has ended. */
#define TAKEABLE(f) (file_state[f] == processing && (file_lease_expired[f] || file_epoch[f] != epoch[file_owner[f]]))
#define ENTRY_TAKEABLE(e) (entry_claimer[e] == NONE || entry_claim_expired[e] || entry_epoch[e] != epoch[entry_claimer[e]])

/* Over the two files (and the two outbox rows they make). */
#define BOTH(P) (P(0) && P(1))
#define EITHER(P) (P(0) || P(1))
#define FILE_DONE(f) (file_state[f] == done)
#define ENTRY_DONE(e) (e >= entries || entry_sent[e])
#define ALL_DONE (BOTH(FILE_DONE) && BOTH(ENTRY_DONE))
#define FILE_WAITING(f) (file_state[f] == received || TAKEABLE(f))
#define ENTRY_WAITING(e) (e < entries && !entry_sent[e] && ENTRY_TAKEABLE(e))
#define WORK_WAITING (EITHER(FILE_WAITING) || EITHER(ENTRY_WAITING))

/* A crash point: the instance may die here, keeping nothing but what the store and server hold. */
#define CRASH_POINT if :: crashes < MAX_CRASHES -> goto crash :: true -> skip fi

/* Sends claimed outbox row e: puts the stored bytes under the stored name, marks it sent. A
 * name already there with the same bytes is confirmed, not sent again. */
inline send(e) {
    /* The transfer (not a store transaction): the name is the row's, the bytes the row's,
     * written to a hidden temporary and renamed onto the final name, which succeeds only
     * while that name is free: one step on the server. */
    atomic {
        if
        :: !on_server[e] -> on_server[e] = true; names_on_server[e] = names_on_server[e] + 1
        :: else -> skip   /* alreadyExists with the same SHA-256: confirmed, not sent again */
        fi
    };
    CRASH_POINT;
    /* markUploaded: whoever uploaded marks it; a row already sent stays as it is. */
    d_step {
        if
        :: !entry_sent[e] -> entry_sent[e] = true; entry_claimer[e] = NONE; audit_append(); claimed = true
        :: else -> claimed = false
        fi
    };
    if :: claimed -> audit_after() :: else -> skip fi
}

/* Uploads outbox row e (OutboxUploader.upload): claim, then send. */
inline upload(e) {
#ifdef UPLOAD_WITHOUT_CLAIM
    d_step { draw_number(fresh) };
    if
    :: !entry_sent[e] -> on_server[e] = true; names_on_server[e] = names_on_server[e] + 1
    :: else -> skip
    fi;
    CRASH_POINT;
    entry_sent[e] = true
#else
    claimed = false;
    d_step {
        if
        :: !entry_sent[e] && ENTRY_TAKEABLE(e) ->
            entry_claimer[e] = me; entry_epoch[e] = epoch[me]; entry_claim_expired[e] = false; claimed = true
        :: else -> skip
        fi
    };
    if
    :: claimed ->
        CRASH_POINT;
        send(e)
    :: else -> skip
    fi
#endif
}

proctype Instance(byte me) {
    byte f, e;
    bool claimed, any, queued_here;
#ifdef AUDIT_WITHOUT_LOCK
    byte head;
#endif
start:
    /* A new incarnation: what the old one held is now takeable. */
    epoch[me] = epoch[me] + 1;
poll:
    e = 0; any = false; claimed = false;
    /* Flush first: answers a stopped process left pending go out (GatewayPipeline.pollOnce). */
    e = 0;
    do
    :: e < entries ->
        if
        :: !entry_sent[e] -> upload(e)
        :: else -> skip
        fi;
        e = e + 1
    :: else -> break
    od;
    CRASH_POINT;

    /* Claim a file (GatewayStore.claimNextInbound): an abandoned one first, else a received one. */
    claimed = false;
    d_step {
        f = 0;
        do
        :: f < FILES && TAKEABLE(f) -> break
        :: f < FILES && !TAKEABLE(f) -> f = f + 1
        :: f == FILES -> break
        od;
        if
        :: f == FILES ->
            f = 0;
            do
            :: f < FILES && file_state[f] == received -> break
            :: f < FILES && file_state[f] != received -> f = f + 1
            :: f == FILES -> break
            od
        :: else -> skip
        fi;
        if
        :: f < FILES ->
            file_state[f] = processing; file_owner[f] = me; file_epoch[f] = epoch[me];
            file_lease_expired[f] = false; claimed = true; audit_append()
        :: else -> skip
        fi
    };
    if :: claimed -> audit_after() :: else -> skip fi;
    if
    :: !claimed ->
        /* Nothing to claim: stop once nothing is left to anyone; otherwise the next poll finds
         * the same until something changes, so wait for that (a poll that changes nothing is
         * a stutter, not a new state). */
        if
        :: ALL_DONE -> goto finish
        :: else -> (ALL_DONE || WORK_WAITING); goto poll
        fi
    :: else -> skip
    fi;
    CRASH_POINT;

    /* The acknowledgment step (recordInterchangeChecked): built, numbered and queued in the
     * transaction that records the step, only by the lease holder, only once; queued already
     * claimed for this instance's upload that follows (ClaimedOutbound). */
    claimed = false; queued_here = false;
    d_step {
        if
        :: OWNS(f) && !ack_step_done[f] ->
            draw_number(n);
            outbox_entry[f] = entries; entry_number[entries] = n; entry_sent[entries] = false;
            entry_claimer[entries] = me; entry_epoch[entries] = epoch[me]; entry_claim_expired[entries] = false;
            queued_here = true;
            entries = entries + 1; acks_queued[f] = acks_queued[f] + 1;
            assert(acks_queued[f] == 1);
            ack_step_done[f] = true;
            audit_append();
            claimed = true
        :: OWNS(f) && ack_step_done[f] -> claimed = true   /* done before a takeover: skipped */
        :: else -> skip                                     /* leaseLost: stop */
        fi
    };
    if
    :: !claimed -> goto poll
    :: else -> audit_after()
    fi;
    CRASH_POINT;

    /* Upload right away (InboundFileProcessor.upload); a failure leaves it for the next flush.
     * Queued here: sent on the claim it was queued with (the claim may have run out meanwhile,
     * as it may during any transfer). Done before a takeover: claimed like any pending row. */
    e = outbox_entry[f];
#ifdef UPLOAD_WITHOUT_CLAIM
    upload(e);
#else
    if
    :: queued_here -> send(e)
    :: else -> upload(e)
    fi;
#endif
    CRASH_POINT;

    /* The end state (markDone), again only by the lease holder. */
    d_step {
        if
        :: OWNS(f) -> file_state[f] = done; file_owner[f] = NONE; audit_append(); claimed = true
        :: else -> claimed = false
        fi
    };
    if :: claimed -> audit_after() :: else -> skip fi;
    goto poll;

crash:
    crashes = crashes + 1;
    goto start;

finish:
    stopped = stopped + 1
}

/* Time: any lease or outbox claim may run out at any moment, however alive its holder is. */
active proctype Clock() {
    do
    :: stopped == INSTANCES -> break
    :: expiries < MAX_EXPIRIES ->
        d_step {
            i = 0;
            do
            :: i < FILES ->
                if :: file_state[i] == processing -> file_lease_expired[i] = true :: else -> skip fi;
                if :: entry_claimer[i] != NONE -> entry_claim_expired[i] = true :: else -> skip fi;
                i = i + 1
            :: else -> break
            od;
            expiries = expiries + 1
        }
    od
}

/* What must hold once both instances stopped: nothing lost, nothing doubled. */
active proctype Checker() {
    byte k;
    (stopped == INSTANCES);
    k = 0;
    do
    :: k < FILES ->
        assert(file_state[k] == done);
        assert(acks_queued[k] == 1);
        assert(entry_sent[outbox_entry[k]] && on_server[outbox_entry[k]]);
        assert(names_on_server[outbox_entry[k]] == 1);
        k = k + 1
    :: else -> break
    od;
    assert(entries == FILES)
}

init {
    atomic {
        run Instance(0);
        run Instance(1)
    }
}

/* Liveness, checked with weak fairness (pan -a -f): both instances always come to a stop,
 * which the Checker then finds with nothing lost and nothing doubled. */
ltl finishes { <> (stopped == INSTANCES) }
