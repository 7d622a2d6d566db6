package org.permithub.ledger.fabric.testpeer;

import java.lang.reflect.Method;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Serializer;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.contract.execution.ExecutionFactory;
import org.hyperledger.fabric.contract.execution.ExecutionService;
import org.hyperledger.fabric.contract.execution.InvocationRequest;
import org.hyperledger.fabric.contract.execution.JSONTransactionSerializer;
import org.hyperledger.fabric.contract.execution.SerializerInterface;
import org.hyperledger.fabric.contract.routing.ContractDefinition;
import org.hyperledger.fabric.contract.routing.TxFunction;
import org.hyperledger.fabric.contract.routing.impl.RoutingRegistryImpl;
import org.hyperledger.fabric.contract.routing.impl.SerializerRegistryImpl;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ResponseUtils;

/**
 * Runs contract classes with the shim's own contract machinery, as their chaincode container would: the
 * shim's routing registry resolves {@code [contract:]Transaction} names (the {@code @Default} contract
 * without prefix), its execution service converts arguments, calls the method and serialises the result, and
 * its response helpers turn a {@code ChaincodeException} into a 500 response with message and payload.
 *
 * <p>Two things differ from {@code ContractRouter}: contracts are registered by class instead of found by a
 * class-path scan (the scan takes many seconds on a test class path), and the router is called in-process
 * with a {@link SimulationStub} instead of over the chaincode gRPC stream.
 */
final class ChaincodeRunner {

    /** The shim logs every call and every chaincode error at INFO/SEVERE; keep references so levels stick. */
    private static final List<Logger> QUIETED = List.of(
            Logger.getLogger("org.hyperledger.fabric"), Logger.getLogger("org.permithub.contracts"));

    static {
        QUIETED.forEach(logger -> logger.setLevel(Level.OFF));
    }

    private final RoutingRegistryImpl registry = new RoutingRegistryImpl();
    private final ExecutionService executor;

    @SuppressWarnings("unchecked")
    ChaincodeRunner(List<Class<? extends ContractInterface>> contracts) {
        for (Class<? extends ContractInterface> contract : contracts) {
            final ContractDefinition definition = registry.addNewContract((Class<ContractInterface>) contract);
            for (Method method : contract.getMethods()) {
                if (method.getAnnotation(Transaction.class) != null) {
                    definition.addTxFunction(method);
                }
            }
        }
        final SerializerInterface json = new JSONTransactionSerializer();
        // The default JSON serializer is the only one the contracts use; custom ones would be found by scanning.
        executor = ExecutionFactory.getInstance().createExecutionService(new SerializerRegistryImpl() {
            @Override
            public SerializerInterface getSerializer(String name, Serializer.TARGET target) {
                return json;
            }
        });
    }

    /** Never throws: failures become error responses, as the router's do. */
    @SuppressWarnings("PMD.AvoidCatchingThrowable")
    Chaincode.Response invoke(ChaincodeStub stub) {
        try {
            final InvocationRequest request = ExecutionFactory.getInstance().createRequest(stub);
            final TxFunction function = registry.containsRoute(request)
                    ? registry.getTxFn(request)
                    : registry.getContract(request.getNamespace()).getUnknownRoute();
            return executor.executeRequest(function, request, stub);
        } catch (Throwable t) {
            return ResponseUtils.newErrorResponse(t);
        }
    }
}
