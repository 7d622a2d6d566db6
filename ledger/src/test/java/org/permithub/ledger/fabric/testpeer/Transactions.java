package org.permithub.ledger.fabric.testpeer;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;

/**
 * The nesting of Fabric's transaction messages, taken apart and put together.
 *
 * <p>A proposal is {@code SignedProposal → Proposal → (Header → ChannelHeader, SignatureHeader) +
 * ChaincodeProposalPayload → ChaincodeInvocationSpec}. An endorsed transaction is {@code Envelope → Payload
 * (same Header) → Transaction → TransactionAction → ChaincodeActionPayload → ChaincodeEndorsedAction →
 * ProposalResponsePayload → ChaincodeAction (read/write set, event, response)}. Most fields are bytes of a
 * further message, so each level is parsed on its own.
 */
final class Transactions {

    private Transactions() {}

    /** A parsed proposal. */
    record Proposed(
            SignedProposal signed,
            Header header,
            ChannelHeader channelHeader,
            SignatureHeader signatureHeader,
            ChaincodeProposalPayload payload,
            ChaincodeInvocationSpec invocation) {

        String channel() {
            return channelHeader.getChannelId();
        }

        String txId() {
            return channelHeader.getTxId();
        }

        String chaincode() {
            return invocation.getChaincodeSpec().getChaincodeId().getName();
        }

        List<ByteString> args() {
            return invocation.getChaincodeSpec().getInput().getArgsList();
        }

        ByteString creator() {
            return signatureHeader.getCreator();
        }

        Instant timestamp() {
            return Instant.ofEpochSecond(
                    channelHeader.getTimestamp().getSeconds(), channelHeader.getTimestamp().getNanos());
        }

        /** Fabric derives the transaction id from nonce and creator, so a client cannot reuse or choose one. */
        boolean txIdMatchesNonceAndCreator() {
            final byte[] expected = Hash.sha256(signatureHeader.getNonce().concat(creator()).toByteArray());
            return HexFormat.of().formatHex(expected).equals(txId());
        }
    }

    /** Parses a signed proposal; IllegalArgumentException when a required part is missing. */
    static Proposed parseProposal(SignedProposal signed) throws InvalidProtocolBufferException {
        if (signed.getProposalBytes().isEmpty()) {
            throw new IllegalArgumentException("a signed proposal is required");
        }
        final Proposal proposal = Proposal.parseFrom(signed.getProposalBytes());
        final Header header = Header.parseFrom(proposal.getHeader());
        final ChannelHeader channelHeader = ChannelHeader.parseFrom(header.getChannelHeader());
        final SignatureHeader signatureHeader = SignatureHeader.parseFrom(header.getSignatureHeader());
        final ChaincodeProposalPayload payload = ChaincodeProposalPayload.parseFrom(proposal.getPayload());
        final ChaincodeInvocationSpec invocation = ChaincodeInvocationSpec.parseFrom(payload.getInput());
        if (channelHeader.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
            throw new IllegalArgumentException("not an endorser transaction: header type " + channelHeader.getType());
        }
        if (channelHeader.getChannelId().isEmpty()) {
            throw new IllegalArgumentException("no channel id provided");
        }
        if (invocation.getChaincodeSpec().getChaincodeId().getName().isEmpty()) {
            throw new IllegalArgumentException("no chaincode name is provided");
        }
        if (invocation.getChaincodeSpec().getInput().getArgsCount() == 0) {
            throw new IllegalArgumentException("no transaction function name is provided");
        }
        return new Proposed(signed, header, channelHeader, signatureHeader, payload, invocation);
    }

    /** What the committing peer needs from an endorsed transaction envelope. */
    record Endorsed(
            String channel,
            String txId,
            ByteString creator,
            ByteString proposalResponsePayload,
            List<Endorsement> endorsements,
            Map<String, KVRWSet> readWriteSets) {}

    static Endorsed parseEndorsed(Envelope envelope) throws InvalidProtocolBufferException {
        final Payload payload = Payload.parseFrom(envelope.getPayload());
        final ChannelHeader channelHeader = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
        final SignatureHeader signatureHeader = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
        final Transaction transaction = Transaction.parseFrom(payload.getData());
        if (transaction.getActionsCount() != 1) {
            throw new IllegalArgumentException("expected one transaction action, got " + transaction.getActionsCount());
        }
        final ChaincodeActionPayload actionPayload =
                ChaincodeActionPayload.parseFrom(transaction.getActions(0).getPayload());
        final ChaincodeEndorsedAction endorsed = actionPayload.getAction();
        final ProposalResponsePayload responsePayload =
                ProposalResponsePayload.parseFrom(endorsed.getProposalResponsePayload());
        final ChaincodeAction action = ChaincodeAction.parseFrom(responsePayload.getExtension());
        final TxReadWriteSet rwset = TxReadWriteSet.parseFrom(action.getResults());
        final Map<String, KVRWSet> byNamespace = new LinkedHashMap<>();
        for (NsReadWriteSet ns : rwset.getNsRwsetList()) {
            byNamespace.put(ns.getNamespace(), KVRWSet.parseFrom(ns.getRwset()));
        }
        return new Endorsed(
                channelHeader.getChannelId(),
                channelHeader.getTxId(),
                signatureHeader.getCreator(),
                endorsed.getProposalResponsePayload(),
                endorsed.getEndorsementsList(),
                byNamespace);
    }

    /** The chaincode event of an endorser transaction, if it set one. */
    static Optional<ChaincodeEvent> parseEvent(Envelope envelope) throws InvalidProtocolBufferException {
        final Payload payload = Payload.parseFrom(envelope.getPayload());
        final ChannelHeader channelHeader = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
        if (channelHeader.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
            return Optional.empty();
        }
        for (TransactionAction txAction : Transaction.parseFrom(payload.getData()).getActionsList()) {
            final ChaincodeActionPayload actionPayload = ChaincodeActionPayload.parseFrom(txAction.getPayload());
            final ProposalResponsePayload responsePayload =
                    ProposalResponsePayload.parseFrom(actionPayload.getAction().getProposalResponsePayload());
            final ChaincodeAction action = ChaincodeAction.parseFrom(responsePayload.getExtension());
            if (!action.getEvents().isEmpty()) {
                return Optional.of(ChaincodeEvent.parseFrom(action.getEvents()));
            }
        }
        return Optional.empty();
    }

    /** The read/write set message for one chaincode namespace. */
    static ByteString readWriteSet(String namespace, KVRWSet kv) {
        return TxReadWriteSet.newBuilder()
                .setDataModel(TxReadWriteSet.DataModel.KV)
                .addNsRwset(NsReadWriteSet.newBuilder().setNamespace(namespace).setRwset(kv.toByteString()))
                .build()
                .toByteString();
    }

    /**
     * Assembles the prepared transaction the Gateway returns from Endorse: the proposal's header, the proposal
     * payload without transient data (it must never reach the orderer), and the endorsed chaincode action. The
     * client signs the envelope's payload bytes and submits it.
     */
    static Envelope prepare(Proposed proposal, ChaincodeAction action, PeerIdentity endorser) {
        final ChaincodeProposalPayload withoutTransient = ChaincodeProposalPayload.newBuilder()
                .setInput(proposal.payload().getInput())
                .build();
        final ByteString proposalHash = ByteString.copyFrom(Hash.sha256(proposal.header()
                .getChannelHeader()
                .concat(proposal.header().getSignatureHeader())
                .concat(withoutTransient.toByteString())
                .toByteArray()));
        final ByteString responsePayload = ProposalResponsePayload.newBuilder()
                .setProposalHash(proposalHash)
                .setExtension(action.toByteString())
                .build()
                .toByteString();
        final Endorsement endorsement = endorser.endorse(responsePayload);
        final ChaincodeActionPayload actionPayload = ChaincodeActionPayload.newBuilder()
                .setChaincodeProposalPayload(withoutTransient.toByteString())
                .setAction(ChaincodeEndorsedAction.newBuilder()
                        .setProposalResponsePayload(responsePayload)
                        .addEndorsements(endorsement))
                .build();
        final Transaction transaction = Transaction.newBuilder()
                .addActions(TransactionAction.newBuilder()
                        .setHeader(proposal.header().getSignatureHeader())
                        .setPayload(actionPayload.toByteString()))
                .build();
        final Payload payload = Payload.newBuilder()
                .setHeader(proposal.header())
                .setData(transaction.toByteString())
                .build();
        return Envelope.newBuilder().setPayload(payload.toByteString()).build();
    }
}
