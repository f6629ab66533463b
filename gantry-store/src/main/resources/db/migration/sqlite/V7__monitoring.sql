-- Monitoring: the dashboard's rollups per minute and per hour (resolution 'm' or 'h'; start =
-- minutes since the epoch, UTC; data is the gateway's JSON), user feedback on answers, and runs of scheduled evaluations. Times are epoch
-- milliseconds, UTC.
CREATE TABLE rollups (
  resolution  TEXT    NOT NULL,
  start       INTEGER NOT NULL,
  tenant      TEXT    NOT NULL,
  route       TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  PRIMARY KEY (resolution, start, tenant, route)
);
CREATE TABLE feedback (
  id          INTEGER PRIMARY KEY,
  time        INTEGER NOT NULL,
  request_id  TEXT    NOT NULL,
  tenant      TEXT    NOT NULL,
  key_id      TEXT,
  customer    TEXT,
  route       TEXT,
  model       TEXT,
  kind        TEXT    NOT NULL,
  raw         INTEGER NOT NULL,
  score       REAL    NOT NULL,
  comment     TEXT,
  tags        TEXT    NOT NULL
);
CREATE INDEX feedback_tenant_time ON feedback (tenant, time);
CREATE TABLE eval_runs (
  id         INTEGER PRIMARY KEY,
  name       TEXT    NOT NULL,
  route      TEXT    NOT NULL,
  time       INTEGER NOT NULL,
  cases      INTEGER NOT NULL,
  pass_rate  REAL    NOT NULL,
  passed     INTEGER NOT NULL,
  summary    TEXT    NOT NULL,
  report     TEXT
);
CREATE INDEX eval_runs_name_time ON eval_runs (name, time);
