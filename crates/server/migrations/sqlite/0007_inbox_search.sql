-- The inbox at scale: search through a trigram index instead of scanning every
-- conversation and its messages, and count a filtered inbox from one index.

-- What the inbox search looks in: each conversation's contact name (rowid: the
-- conversation's id negated) and each visitor, bot and human message (rowid: the message's
-- id). Kept by the triggers below, so every way of writing a message or a name keeps it.
-- The trigram tokenizer answers substring queries of three characters and more; the store
-- scans for shorter ones.
CREATE VIRTUAL TABLE conversation_search USING fts5(text, conversation_id UNINDEXED, tokenize = 'trigram');

INSERT INTO conversation_search (rowid, text, conversation_id) SELECT -id, contact_name, id FROM conversations;
INSERT INTO conversation_search (rowid, text, conversation_id)
    SELECT id, text, conversation_id FROM messages WHERE author != 'system';

CREATE TRIGGER conversation_search_message_added AFTER INSERT ON messages WHEN new.author != 'system' BEGIN
    INSERT INTO conversation_search (rowid, text, conversation_id) VALUES (new.id, new.text, new.conversation_id);
END;
CREATE TRIGGER conversation_search_message_removed AFTER DELETE ON messages WHEN old.author != 'system' BEGIN
    DELETE FROM conversation_search WHERE rowid = old.id;
END;
CREATE TRIGGER conversation_search_contact_added AFTER INSERT ON conversations BEGIN
    INSERT INTO conversation_search (rowid, text, conversation_id) VALUES (-new.id, new.contact_name, new.id);
END;
CREATE TRIGGER conversation_search_contact_renamed AFTER UPDATE OF contact_name ON conversations
    WHEN old.contact_name IS NOT new.contact_name BEGIN
    UPDATE conversation_search SET text = new.contact_name WHERE rowid = -new.id;
END;
CREATE TRIGGER conversation_search_contact_removed AFTER DELETE ON conversations BEGIN
    DELETE FROM conversation_search WHERE rowid = -old.id;
END;

-- The inbox's total: every filter column next to the org, so counting reads this index
-- alone, never the table.
CREATE INDEX conversations_org_filters ON conversations(org_id, status, agent_id, team_id, assignee_id);
