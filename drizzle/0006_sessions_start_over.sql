-- Refresh tokens now belong to a session (issue 9): a token issued before sessions existed cannot be tied to one,
-- so every such token is ended here and everyone signs in once more after this upgrade.
DELETE FROM "refresh_tokens";
